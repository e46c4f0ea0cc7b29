// Independent views of the TOTEM samples for tests: regex sums over the raw XML text, and small synthetic documents.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The samples copied from the project's shared folder (test/data/samples/README.md). */
export const SAMPLES = fileURLToPath(new URL('../data/samples', import.meta.url));
export const CA_XML = join(SAMPLES, 'totem/crach-lotissement-ca-2021.xml');
export const BP_XML = join(SAMPLES, 'totem/crach-lotissement-bp-2022.xml');
export const CA_SCDL = join(SAMPLES, 'scdl/crach-lotissement-ca-2021.csv');
export const BP_SCDL = join(SAMPLES, 'scdl/crach-lotissement-bp-2022.csv');
export const MORBIHAN_SCDL = join(SAMPLES, 'scdl/morbihan-ca-2021-budget-principal.csv');

export const NS = 'http://www.minefi.gouv.fr/cp/demat/docbudgetaire';

/** The raw text of a sample (ISO-8859-1 read as latin1). */
export const raw = (path: string) => readFileSync(path, 'latin1');

/** Attribute V of a child element in a LigneBudget block, '' when absent. */
export function v(block: string, name: string, code?: string): string {
  const re = code ? new RegExp(`<${name} V="([^"]*)" Code="${code}"`) : new RegExp(`<${name} V="([^"]*)"`);
  return re.exec(block)?.[1] ?? '';
}

export const blocks = (xml: string): string[] => [...xml.matchAll(/<LigneBudget>[\s\S]*?<\/LigneBudget>/g)].map((m) => m[0]);

/** "1234.56" → 123456n without going through a float. */
export function cents(text: string): bigint {
  if (text === '') return 0n;
  const [e, c = ''] = text.split('.');
  const neg = e!.startsWith('-');
  const abs = BigInt(e!.replace('-', '')) * 100n + BigInt(c.padEnd(2, '0'));
  return neg ? -abs : abs;
}

export const euros = (c: bigint): string => {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
};

/**
 * Realised amounts per section and sens summed straight from the XML text: section from CaracSup, carried
 * 001/002 kept apart. This does not go through the reader, the plan de comptes or the model.
 */
export function sumsFromXml(xml: string): { flows: Record<string, bigint>; carried: Record<string, bigint> } {
  const flows: Record<string, bigint> = { FD: 0n, FR: 0n, ID: 0n, IR: 0n };
  const carried: Record<string, bigint> = {};
  for (const b of blocks(xml)) {
    const nature = v(b, 'Nature');
    const key = `${v(b, 'CaracSup', 'Section')}${v(b, 'CodRD')}`;
    if (nature === '001' || nature === '002') carried[`${v(b, 'CodRD')}${nature}`] = cents(v(b, 'MtReal'));
    else flows[key] = flows[key]! + cents(v(b, 'MtReal'));
  }
  return { flows, carried };
}

/** A TOTEM document around the given LigneBudget blocks (and extra annex XML), written to a temp file. */
export function totemFile(lines: string[], opts: { nomenclature?: string; exer?: number; natDec?: string; libelleColl?: string; annexes?: string; encoding?: string } = {}): string {
  const enc = opts.encoding ?? 'ISO-8859-1';
  const text = `<?xml version="1.0" encoding="${enc}"?>
<DocumentBudgetaire xmlns="${NS}">
  <EnTeteDocBudgetaire><LibelleColl V="${opts.libelleColl ?? 'TEST'}"/><IdColl V="21560046100085"/></EnTeteDocBudgetaire>
  <Budget>
    <EnTeteBudget><LibelleEtab V="BUDGET TEST"/><IdEtab V="21560046100085"/><CodBud V="00"/><Nomenclature V="${opts.nomenclature ?? 'M14-M14_COM_500_3500'}"/></EnTeteBudget>
    <BlocBudget><NatDec V="${opts.natDec ?? '09'}"/><Exer V="${opts.exer ?? 2021}"/></BlocBudget>
${lines.join('\n')}
    ${opts.annexes ? `<Annexes>${opts.annexes}</Annexes>` : ''}
  </Budget>
</DocumentBudgetaire>
`;
  const dir = mkdtempSync(join(tmpdir(), 'sitiv-totem-'));
  const path = join(dir, 'doc.xml');
  writeFileSync(path, Buffer.from(text, enc.toLowerCase() === 'utf-8' ? 'utf8' : 'latin1'));
  return path;
}

export function ligne(f: { nature: string; contNat?: string; rd: 'D' | 'R'; op?: '0' | '1'; real?: string; rar?: string; rarPrec?: string; section: 'F' | 'I'; fonction?: string; prev?: string }): string {
  return `<LigneBudget><Nature V="${f.nature}"/>${f.contNat ? `<ContNat V="${f.contNat}"/>` : ''}${f.fonction ? `<Fonction V="${f.fonction}"/>` : ''}<CodRD V="${f.rd}"/>${f.prev ? `<MtPrev V="${f.prev}"/>` : ''}${f.rarPrec ? `<MtRARPrec V="${f.rarPrec}"/>` : ''}${f.real ? `<MtReal V="${f.real}"/>` : ''}${f.rar ? `<MtRAR3112 V="${f.rar}"/>` : ''}<OpBudg V="${f.op ?? '0'}"/><CaracSup V="${f.section}" Code="Section"/></LigneBudget>`;
}
