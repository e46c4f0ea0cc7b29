// Writes ledger rows as CSV in a dialect (the neutral one of docs/ledger.md, or French Excel-style).
import { centsToString, type Cents } from '../../money/cents.js';
import { LEDGER_COLUMNS, OPTIONAL_COLUMNS, type LedgerRow } from '../../model/ledger.js';
import { inertText } from '../../sheet/safe-text.js';
import { formatDialectAmount, type AmountStyle } from './amount.js';
import { encode, type Encoding } from './encoding.js';

export interface CsvOutDialect {
  delimiter: string;
  amount: AmountStyle | 'plain';
  encoding: Encoding;
  bom: boolean;
  eol: '\n' | '\r\n';
}

export const OUT_DIALECTS: Record<string, CsvOutDialect> = {
  neutral: { delimiter: ',', amount: 'plain', encoding: 'utf-8', bom: false, eol: '\n' },
  /** What a French Excel writes with "CSV (séparateur : point-virgule)". */
  fr: { delimiter: ';', amount: { decimal: ',', group: '\u00a0', negative: '-', euro: false }, encoding: 'windows-1252', bom: false, eol: '\r\n' },
};

type Column = (typeof LEDGER_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** The columns the rows use: the mandatory ones, then each optional column some row fills, in docs order. */
export function ledgerColumns(rows: LedgerRow[]): Column[] {
  const has = (c: (typeof OPTIONAL_COLUMNS)[number]) =>
    rows.some((r) => {
      switch (c) {
        case 'credits_ouverts':
          return r.creditsOuverts !== undefined;
        case 'rar_precedent':
          return r.rarPrecedent !== undefined;
        default:
          return r[c] !== undefined;
      }
    });
  return [...LEDGER_COLUMNS, ...OPTIONAL_COLUMNS.filter(has)];
}

export type LedgerValue = string | number | { cents: Cents } | undefined;

/** A row's value in a column: amounts as cents, exercice as a number, the rest as text. */
export function ledgerValue(r: LedgerRow, c: Column): LedgerValue {
  switch (c) {
    case 'exercice':
      return r.exercice;
    case 'realise':
      return { cents: r.realise };
    case 'rar':
      return { cents: r.rar };
    case 'credits_ouverts':
      return r.creditsOuverts === undefined ? undefined : { cents: r.creditsOuverts };
    case 'rar_precedent':
      return r.rarPrecedent === undefined ? undefined : { cents: r.rarPrecedent };
    default:
      return r[c];
  }
}

export function renderLedgerCsv(rows: LedgerRow[], d: CsvOutDialect): Uint8Array {
  const columns = ledgerColumns(rows);
  // Blanks at either end are quoted too: many readers trim them from a bare field, and a label keeps them.
  const quote = (s: string) => (s.includes(d.delimiter) || /["\r\n]|^[ \t]|[ \t]$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const amount = (c: Cents) => (d.amount === 'plain' ? centsToString(c) : formatDialectAmount(c, d.amount));
  const lines = [columns.join(d.delimiter)];
  for (const r of rows) {
    lines.push(
      columns
        .map((c) => {
          const v = ledgerValue(r, c);
          if (v === undefined) return '';
          if (typeof v === 'number') return String(v);
          if (typeof v === 'object') return amount(v.cents);
          return quote(inertText(v));
        })
        .join(d.delimiter),
    );
  }
  return encode(lines.join(d.eol) + d.eol, d.encoding, d.bom);
}
