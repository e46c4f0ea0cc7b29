// The 29 columns of a DGFiP balance and where each one sits in a given file (header order, or the published order).

export const DGFIP_COLUMNS = [
  'EXER', 'IDENT', 'NDEPT', 'LBUDG', 'INSEE', 'CBUDG', 'CTYPE', 'CSTYP', 'NOMEN', 'SIREN', 'CREGI', 'CACTI', 'SECTEUR',
  'FINESS', 'CODBUD1', 'CATEG', 'BAL', 'FONCTION', 'COMPTE', 'BEDEB', 'BECRE', 'OBNETDEB', 'OBNETCRE', 'ONBDEB',
  'ONBCRE', 'OOBDEB', 'OOBCRE', 'SD', 'SC',
] as const;

export type DgfipColumn = (typeof DGFIP_COLUMNS)[number];

/** Every amount column is checked on every line, in this order. */
export const AMOUNT_COLUMNS = ['BEDEB', 'BECRE', 'OBNETDEB', 'OBNETCRE', 'ONBDEB', 'ONBCRE', 'OOBDEB', 'OOBCRE', 'SD', 'SC'] as const;

/** Index of each amount column inside AMOUNT_COLUMNS, for the reader's value array. */
export const A = { BEDEB: 0, BECRE: 1, OBNETDEB: 2, OBNETCRE: 3, ONBDEB: 4, ONBCRE: 5, OOBDEB: 6, OOBCRE: 7, SD: 8, SC: 9 } as const;

export interface Layout {
  /** Fields a line must have. */
  count: number;
  /** Names of the fields, in file order (for messages). */
  names: string[];
  index: Record<DgfipColumn, number>;
  /** Whether line 1 was a header. */
  header: boolean;
}

export function defaultLayout(): Layout {
  const index = {} as Record<DgfipColumn, number>;
  DGFIP_COLUMNS.forEach((c, i) => (index[c] = i));
  return { count: DGFIP_COLUMNS.length, names: [...DGFIP_COLUMNS], index, header: false };
}

/** Whether a first line is a header: its first field is a column name rather than a year. */
export function looksLikeHeader(firstField: string): boolean {
  return /^[A-Za-z]/.test(firstField.replace(/^\uFEFF/, '').replace(/^"/, ''));
}

/** Header → layout; the missing required columns come back instead when there are any. */
export function layoutFromHeader(line: string): Layout | { missing: string[] } {
  const names = line
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '')
    .split(';')
    .map((n) => n.trim().replace(/^"(.*)"$/, '$1').toUpperCase());
  const index = {} as Record<DgfipColumn, number>;
  const missing: string[] = [];
  for (const c of DGFIP_COLUMNS) {
    const i = names.indexOf(c);
    if (i < 0) missing.push(c);
    else index[c] = i;
  }
  if (missing.length) return { missing };
  return { count: names.length, names, index, header: true };
}
