// `sitiv-ca init DIR --from FILE`: a folder that computes as the file does, read by compute's own single-file path (one plan, one rule).
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { centsToString, type Cents } from '../money/cents.js';
import type { Manifest } from '../model/manifest.js';
import type { DetteRow } from '../model/side-tables.js';
import { t } from '../messages/index.js';
import { writeDiagnostic } from '../text/sanitize.js';

interface FromOpts {
  entite?: string;
  categorie?: string;
  nomenclature?: string;
}

const cell = (c: Cents | undefined) => (c === undefined ? '' : centsToString(c));

/** dette.csv (read/dette.ts) from the loan annex a file carries. */
function detteCsv(rows: DetteRow[]): string {
  const lines = rows.map((r) => [r.exercice, cell(r.amortissement), cell(r.interets), cell(r.empruntsNouveaux), cell(r.encours)].join(','));
  return ['exercice,amortissement,interets,emprunts_nouveaux,encours_31_12', ...lines].join('\n') + '\n';
}

/**
 * The file is read exactly as `compute FILE` reads it, and the manifest names the plan it was read with: the folder's
 * ledger then meets the same plan rules (read/validate-row.ts) as the file did. An execution (CA, CFU, SCDL CA) becomes
 * a neutral ledger.csv, with dette.csv from its loan annex and the population it states; a budget document (BP, DM,
 * BS) carries votes, which a neutral ledger has no column for, so the file itself is copied into the folder.
 */
export async function initFrom(dir: string, file: string, opts: FromOpts): Promise<void> {
  const { readBudgetFile, impliedManifest } = await import('../read/single-file.js');
  const notice = (m: string) => writeDiagnostic('', t('cli.noticePrefix', { message: m }));
  const read = await readBudgetFile(file, { ...(opts.nomenclature ? { nomenclature: opts.nomenclature } : {}), ...(opts.entite ? { entite: opts.entite } : {}), notice });
  for (const n of read.notices) notice(n);
  const manifest: Manifest = impliedManifest(file, read, opts);
  const years = [...read.plans.entries()];
  const named = (p: (typeof years)[number][1]) => `${p.norme}-${p.declinaison}`;
  // Years read with another plan than the first (an SCDL file over an M14 and an M57 year) keep theirs.
  const others = years.filter(([, p]) => named(p) !== manifest.nomenclature);
  if (others.length) manifest.nomenclatures = Object.fromEntries(others.map(([y, p]) => [String(y), named(p)]));
  if (opts.categorie && manifest.entite) manifest.entite.categorie = opts.categorie as NonNullable<Manifest['entite']>['categorie'];
  await mkdir(dir, { recursive: true });
  if (read.documents.some((d) => d.kind === 'budget')) {
    const name = basename(file);
    await copyFile(file, join(dir, name));
    manifest.ledgers = [name];
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    process.stderr.write(t('cli.initFromBudget', { dir, file, name }) + '\n');
    return;
  }
  const { parsePopulation } = await import('../report/ratios.js');
  const pop = read.documents.map((d) => d.informations?.get('PopTot')).find((p) => p !== undefined);
  const population = pop === undefined ? undefined : parsePopulation(pop);
  if (population !== undefined) manifest.entite = { ...(manifest.entite ?? { nom: '', categorie: 'autre' }), population };
  const { OUT_DIALECTS, renderLedgerCsv } = await import('../read/dialect/write-csv.js');
  await writeFile(join(dir, 'ledger.csv'), renderLedgerCsv(read.rows, OUT_DIALECTS.neutral!));
  manifest.ledgers = ['ledger.csv'];
  if (read.dette?.length) {
    await writeFile(join(dir, 'dette.csv'), detteCsv(read.dette));
    manifest.dette = 'dette.csv';
  }
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  process.stderr.write(t('cli.initFromDone', { dir, file, n: read.rows.length }) + '\n');
}
