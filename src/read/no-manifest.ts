// A folder of official files (TOTEM, CFU, SCDL) without manifest.json: the manifest the files themselves imply.
import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InputError } from '../errors.js';
import type { BudgetInfo } from '../model/budget.js';
import type { Manifest } from '../model/manifest.js';
import { budgetIdFrom } from './totem/budget-line.js';
import { t } from '../messages/index.js';

export interface ImpliedManifest {
  manifest: Manifest;
  /** What was assumed, for a notice. */
  notice: string;
}

interface Seen {
  siret: string;
  label: string;
  codBud: string;
  file: string;
}

/**
 * The entity (LibelleColl / BGT_NOM), its nomenclature per exercice (from the TOTEM / CFU headers) and one budget per
 * distinct SIRET and label; undefined when the folder holds no official file. Two budgets sharing a SIRET (a budget
 * annexe under the commune's) are told apart by their CodBud.
 */
export async function impliedManifest(dir: string): Promise<ImpliedManifest | undefined> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => ['.xml', '.csv'].includes(extname(n).toLowerCase())).sort();
  const ledgers: string[] = [];
  const seen: Seen[] = [];
  const nomenclatures = new Map<number, string>();
  const named = new Set<string>();
  let entite = '';
  const { isScdlFile } = await import('./scdl/sniff.js');
  for (const name of names) {
    const path = join(dir, name);
    if (extname(name).toLowerCase() === '.xml') {
      const { readBudgetDocument } = await import('./totem/document.js');
      const doc = await readBudgetDocument(path, { displayName: path });
      ledgers.push(name);
      entite ||= doc.header.collectivite;
      nomenclatures.set(doc.header.exercice, `${doc.plan.norme}-${doc.plan.declinaison}`);
      named.add(`${doc.header.exercice} ${doc.plan.norme}-${doc.plan.declinaison}`);
      seen.push({ siret: doc.header.idEtab || doc.header.idColl, label: doc.header.etablissement || doc.header.collectivite, codBud: doc.header.codBud, file: path });
    } else if (await isScdlFile(path)) {
      const { scdlBudgets } = await import('./scdl/scdl.js');
      const found = await scdlBudgets(path);
      ledgers.push(name);
      entite ||= found[0]?.label ?? '';
      for (const b of found) seen.push({ ...b, codBud: '', file: path });
    }
  }
  if (ledgers.length === 0) return undefined;
  const years = [...nomenclatures.keys()].sort((a, b) => a - b);
  if (years.length === 0) {
    throw new InputError({ file: join(dir, 'manifest.json'), message: t('read.scdlFolderNoNomenclature') });
  }
  const budgets: BudgetInfo[] = [];
  const keys = new Set<string>();
  for (const s of seen) {
    const key = `${s.siret}|${s.label}`;
    if (keys.has(key)) continue;
    keys.add(key);
    const shared = seen.some((o) => o.siret === s.siret && o.label !== s.label);
    const id = budgetIdFrom(shared && s.codBud ? `${s.siret}-${s.codBud}` : s.siret || s.label);
    if (!budgets.some((b) => b.id === id)) budgets.push({ id, label: s.label });
  }
  const main = nomenclatures.get(years[years.length - 1]!)!;
  const perYear = Object.fromEntries([...nomenclatures].filter(([, n]) => n !== main).map(([y, n]) => [String(y), n]));
  const manifest = {
    schema: 'sitiv-ca.manifest/1',
    nomenclature: main,
    ...(Object.keys(perYear).length > 0 ? { nomenclatures: perYear } : {}),
    precision: '0.01',
    budgets,
    ledgers,
    ...(entite ? { entite: { nom: entite, categorie: 'autre' } } : {}),
  } as Manifest;
  const notice = `${dir}: no manifest.json; assumed from the files: entity ${entite || '(unnamed)'}, nomenclature ${[...named].sort().join(', ')} (each XML file read with the plan it names), ${budgets.length} budget${budgets.length > 1 ? 's' : ''} (${budgets.map((b) => `${b.id} "${b.label}"`).join(', ')}), ${ledgers.length} file${ledgers.length > 1 ? 's' : ''} (${ledgers.join(', ')}); write a manifest.json to decide otherwise`;
  return { manifest, notice };
}
