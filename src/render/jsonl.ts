// JSON Lines writer: the provenance on the first line, then one figure per line (id, table, row, column, label, value, reason).
import type { Provenance } from '../report/provenance.js';
import type { Table } from '../report/table.js';
import { figureRecords } from './json.js';

export function renderJsonl(tables: Table[], provenance: Provenance): string {
  const lines = [JSON.stringify({ provenance })];
  for (const f of figureRecords(tables)) lines.push(JSON.stringify(f));
  return lines.join('\n') + '\n';
}
