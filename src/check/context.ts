// Builds what every check reads: the loaded folder, its compute report, figures by id, publie.csv, options.
import { plafondApplicable } from '../compute/desendettement.js';
import type { LoadedFolder } from '../model/folder.js';
import { buildComputeReport } from '../report/compute-report.js';
import { budgetOnlyYears } from '../report/budget-report.js';
import { figureId, type Table } from '../report/table.js';
import type { CheckContext, CheckOptions, FigureRef } from './types.js';

/** Every non-text cell of the tables under its stable id (the ids of `compute --format json`). */
export function indexFigures(tables: Table[]): Map<string, FigureRef> {
  const out = new Map<string, FigureRef>();
  for (const table of tables) {
    for (const row of table.rows) {
      for (const c of table.columns) {
        const cell = row.cells[c.id];
        if (!cell || cell.kind === 'text' || cell.kind === 'empty') continue;
        out.set(figureId(table, row, c.id), { table, row, column: c.id, cell });
      }
    }
  }
  return out;
}

export function buildContext(path: string, folder: LoadedFolder, options: Partial<CheckOptions>): CheckContext {
  const report = buildComputeReport(folder);
  const entite = folder.manifest.entite;
  // The command line wins, then the entity's own ceiling, then the LPFP reference of its category.
  const plafond = plafondApplicable(entite?.categorie ?? 'autre', options.plafond ?? entite?.plafondDesendettement)?.annees;
  const population = options.population ?? entite?.population;
  // No execution check runs on a year that only budget documents describe; continuity still sees it.
  const data = new Map(
    [...folder.model.data].map(([id, years]) => {
      const skip = budgetOnlyYears(folder.documents, id);
      return [id, new Map([...years].filter(([y]) => !skip.has(y)))] as const;
    }),
  );
  const ctx: CheckContext = {
    path,
    folder: { ...folder, model: { ...folder.model, data } },
    fullModel: folder.model,
    report,
    figures: indexFigures(report.tables),
    options: {
      strict: options.strict ?? false,
      tolerance: options.tolerance ?? 0n,
      ...(plafond !== undefined ? { plafond } : {}),
      ...(population !== undefined ? { population } : {}),
    },
  };
  if (folder.publie) ctx.publie = folder.publie;
  return ctx;
}
