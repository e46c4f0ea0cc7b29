// The template ledger of `sitiv-ca init`: French column titles, drop-down lists, a frozen header, the plan's chapters on a second sheet.
import type { Plan } from '../nomenclature/plan.js';

/** The ledger columns of docs/ledger.md, in its order: the names the XLSX reader expects (the French words of the accounting). */
export const TEMPLATE_COLUMNS = [
  { key: 'budget', title: 'budget', width: 14 },
  { key: 'exercice', title: 'exercice', width: 10 },
  { key: 'section', title: 'section', width: 9 },
  { key: 'sens', title: 'sens', width: 7 },
  { key: 'chapitre', title: 'chapitre', width: 10 },
  { key: 'compte', title: 'compte', width: 10 },
  { key: 'nature', title: 'nature', width: 9 },
  { key: 'realise', title: 'realise', width: 16 },
  { key: 'rar', title: 'rar', width: 18 },
  { key: 'libelle', title: 'libelle', width: 40 },
] as const;

/** Rows the drop-down lists cover. */
const ROWS = 2000;

/** One example row per section and sens, at zero, so that a fresh folder computes. */
export function exampleRows(budget: string, exercice: number, plan: Plan): (string | number)[][] {
  const pick = (section: 'F' | 'I', sens: 'D' | 'R', wanted: string[]) =>
    wanted.find((c) => plan.chapter(c)?.section === section) ?? plan.chapters().find((c) => c.section === section && c.sens.includes(sens) && c.kind === 'reel')?.code ?? wanted[0]!;
  return [
    [budget, exercice, 'F', 'D', pick('F', 'D', ['011']), '', 'reel', 0, 0, 'Exemple : charges à caractère général'],
    [budget, exercice, 'F', 'R', pick('F', 'R', ['70', '74']), '', 'reel', 0, 0, 'Exemple : produits des services'],
    [budget, exercice, 'I', 'D', pick('I', 'D', ['21', '23']), '', 'reel', 0, 0, 'Exemple : immobilisations corporelles'],
    [budget, exercice, 'I', 'R', pick('I', 'R', ['13', '10']), '', 'reel', 0, 0, "Exemple : subventions d'investissement"],
  ];
}

export async function templateWorkbook(plan: Plan, budgets: string[], exercice: number): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sitiv-ca init';
  const ws = wb.addWorksheet('Grand livre', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.title, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  // Excel would turn 011 into 11: chapter and account columns hold text.
  for (const key of ['chapitre', 'compte'] as const) ws.getColumn(key).numFmt = '@';
  for (const key of ['realise', 'rar'] as const) ws.getColumn(key).numFmt = '#,##0.00';
  for (const row of budgets.flatMap((b) => exampleRows(b, exercice, plan))) ws.addRow(row);

  const chapters = plan.chapters();
  const list = wb.addWorksheet('Chapitres', { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [
    { header: 'Chapitre', key: 'code', width: 10 },
    { header: 'Section', key: 'section', width: 9 },
    { header: 'Sens', key: 'sens', width: 7 },
    { header: 'Libellé', key: 'libelle', width: 60 },
  ];
  list.getRow(1).font = { bold: true };
  list.getColumn('code').numFmt = '@';
  for (const c of chapters) list.addRow([c.code, c.section, c.sens.join('/'), c.libelle]);

  const col = (key: string) => String.fromCharCode(65 + TEMPLATE_COLUMNS.findIndex((c) => c.key === key));
  const dv = (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations;
  const drop = (key: string, formula: string, prompt: string) =>
    dv.add(`${col(key)}2:${col(key)}${ROWS}`, { type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: true, errorTitle: 'sitiv-ca', error: prompt, showInputMessage: true, prompt });
  drop('section', '"F,I"', 'F (fonctionnement) ou I (investissement)');
  drop('sens', '"D,R"', 'D (dépense) ou R (recette)');
  drop('nature', '"reel,ordre"', 'reel ou ordre (040 à 043 sont des opérations d’ordre)');
  drop('chapitre', `Chapitres!$A$2:$A$${chapters.length + 1}`, `un chapitre du plan ${plan.id} (feuille Chapitres)`);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
