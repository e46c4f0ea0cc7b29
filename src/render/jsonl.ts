// JSON Lines writer: the provenance on the first line, then one figure per line (id, table, row, column, label, value, reason).
import type { Provenance } from '../report/provenance.js';
import { figureId, type Table } from '../report/table.js';
import { cellValue } from './json.js';

export function renderJsonl(tables: Table[], provenance: Provenance): string {
  const lines = [JSON.stringify({ provenance })];
  for (const t of tables) {
    const labelCol = t.columns.find((c) => c.kind === 'text' && c.id !== 'chapitre') ?? t.columns[0];
    for (const r of t.rows) {
      const labelCell = labelCol ? r.cells[labelCol.id] : undefined;
      const label = labelCell?.kind === 'text' ? labelCell.text : '';
      for (const c of t.columns) {
        const cell = r.cells[c.id];
        const v = cell ? cellValue(cell) : undefined;
        if (!v) continue;
        lines.push(JSON.stringify({ id: figureId(t, r, c.id), table: `${t.scope}.${t.id}`, row: r.id, column: c.id, label, value: v.value, ...(v.reason ? { reason: v.reason } : {}) }));
      }
    }
  }
  return lines.join('\n') + '\n';
}
