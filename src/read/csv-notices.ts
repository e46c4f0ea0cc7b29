// The CSV ledger reader's notices on their way to stderr with the catalogue's prefix (a "warning: " body is a warning).
import { writeDiagnostic } from '../text/sanitize.js';

/** read/csv-ledger.ts builds its notices through the catalogue (ledger.*, shared with the XLSX reader): only the level is read here. */
export function csvNotice(message: string): void {
  const warning = message.startsWith('warning: ');
  writeDiagnostic(warning ? 'warning' : 'notice', warning ? message.slice('warning: '.length) : message);
}
