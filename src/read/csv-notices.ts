// The CSV ledger reader's notices on their way to stderr, in the interface language, with the catalogue's prefix.
import { t } from '../messages/index.js';
import { writeDiagnostic } from '../text/sanitize.js';

/**
 * read/csv-ledger.ts (the ledger-performance work's file) still builds its notices in English; until it calls the
 * catalogue itself, each known form is recognised here and said again through the same entries as the XLSX reader's
 * (so a CSV and an XLSX ledger report their skipped rows in the same words). An unknown form passes as it is.
 */
const FORMS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^(.*): (\d+) title rows? above the header skipped$/s, (m) => t('xlsx.titleRowsSkipped', { file: m[1]!, n: Number(m[2]) })],
  [/^(.*): (\d+) blank rows? skipped$/s, (m) => t('xlsx.blankRowsSkipped', { file: m[1]!, n: Number(m[2]) })],
  [/^(.*): a " inside an unquoted field is read as text \(an inch mark\?\) on line(s?) (.*)$/s, (m) => t('read.inchMark', { file: m[1]!, s: m[2]!, lines: m[3]! })],
  [/^(.*): the ledger holds only its header: no line is read from it$/s, (m) => t('read.headerOnly', { file: m[1]! })],
];

export function csvNotice(message: string): void {
  const warning = message.startsWith('warning: ');
  const body = warning ? message.slice('warning: '.length) : message;
  for (const [form, say] of FORMS) {
    const m = body.match(form);
    if (m) return writeDiagnostic(warning ? 'warning' : 'notice', say(m));
  }
  writeDiagnostic(warning ? 'warning' : 'notice', body);
}
