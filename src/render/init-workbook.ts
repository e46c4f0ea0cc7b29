// The template ledger of `sitiv-ca init`: French column titles, drop-down lists, a frozen header, the plan's chapters on a second sheet.
import type { Plan } from '../nomenclature/plan.js';

/**
 * The ledger columns of docs/ledger.md under French titles, each one a synonym the header mapping reads back
 * (read/header-map.ts; test/init.test.ts maps every title to its key).
 */
export const TEMPLATE_COLUMNS = [
  { key: 'budget', title: 'Budget', width: 14 },
  { key: 'exercice', title: 'Exercice', width: 10 },
  { key: 'section', title: 'Section', width: 9 },
  { key: 'sens', title: 'Sens', width: 7 },
  { key: 'chapitre', title: 'Chapitre', width: 10 },
  { key: 'compte', title: 'Compte', width: 10 },
  { key: 'nature', title: 'Nature', width: 9 },
  { key: 'credits_ouverts', title: 'Crédits ouverts', width: 16 },
  { key: 'realise', title: 'Réalisé', width: 16 },
  { key: 'rar', title: 'Restes à réaliser', width: 18 },
  { key: 'libelle', title: 'Libellé', width: 44 },
] as const;

/** Rows the drop-down lists cover. */
const ROWS = 2000;

/** One example row per section and sens, at zero, so that a fresh folder computes. */
export function exampleRows(budget: string, exercice: number, plan: Plan): (string | number)[][] {
  const pick = (section: 'F' | 'I', sens: 'D' | 'R', wanted: string[]) =>
    wanted.find((c) => plan.chapter(c)?.section === section) ?? plan.chapters().find((c) => c.section === section && c.sens.includes(sens) && c.kind === 'reel')?.code ?? wanted[0]!;
  return [
    [budget, exercice, 'F', 'D', pick('F', 'D', ['011']), '', 'réel', 0, 0, 0, 'Exemple : charges à caractère général'],
    [budget, exercice, 'F', 'R', pick('F', 'R', ['70', '74']), '', 'réel', 0, 0, 0, 'Exemple : produits des services'],
    [budget, exercice, 'I', 'D', pick('I', 'D', ['21', '23']), '', 'réel', 0, 0, 0, 'Exemple : immobilisations corporelles'],
    [budget, exercice, 'I', 'R', pick('I', 'R', ['13', '10']), '', 'réel', 0, 0, 0, "Exemple : subventions d'investissement"],
  ];
}

export async function templateWorkbook(plan: Plan, budgets: string[], exercice: number): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sitiv-ca init';
  // Printed landscape, one page wide: the columns stay together on paper.
  const pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, printTitlesRow: '1:1' } as const;
  const ws = wb.addWorksheet('Grand livre', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup });
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.title, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  // Excel would turn 011 into 11: chapter and account columns hold text.
  for (const key of ['chapitre', 'compte'] as const) ws.getColumn(key).numFmt = '@';
  for (const key of ['credits_ouverts', 'realise', 'rar'] as const) ws.getColumn(key).numFmt = '#,##0.00';
  for (const row of budgets.flatMap((b) => exampleRows(b, exercice, plan))) ws.addRow(row);

  const chapters = plan.chapters();
  const list = wb.addWorksheet('Chapitres', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { ...pageSetup, orientation: 'portrait' } });
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
  drop('nature', '"réel,ordre"', 'réel ou ordre (040 à 043 sont des opérations d’ordre ; vide : le chapitre décide)');
  drop('chapitre', `Chapitres!$A$2:$A$${chapters.length + 1}`, `un chapitre du plan ${plan.id} (feuille Chapitres)`);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
