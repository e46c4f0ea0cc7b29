// Multi-year tables of one budget: présentation détaillée per section and sens, état de la dette, épargne, désendettement.
import { etatDeLaDette } from '../compute/dette.js';
import type { FlowKey } from '../model/budget.js';
import { detailleeTable } from './detaillee.js';
import { range, type MultiYearInput } from './multi-year-cells.js';
import { desendettementPublieTable, desendettementTable, detteChapitre16Table, detteTable, epargneSeriesTable, epargneYears, plafondsTable } from './solvabilite.js';
import type { Table } from './table.js';

export type { MultiYearInput } from './multi-year-cells.js';

/** Every multi-year table of one budget whose folder holds more than one exercice. */
export function multiYearTables(inp: MultiYearInput): Table[] {
  const present = [...inp.years.keys()].sort((a, b) => a - b);
  if (present.length < 2) return [];
  const first = present[0]!;
  const last = present[present.length - 1]!;
  const span = range(first, last);
  const scope = `${inp.budget.id}.${first}-${last}`;
  const tables: Table[] = (['FD', 'FR', 'ID', 'IR'] as FlowKey[]).map((k) => detailleeTable(inp, k, span, scope));
  const detteYears = [...new Set([...span, ...(inp.dette ?? []).filter((d) => d.amortissement !== undefined || d.interets !== undefined || d.empruntsNouveaux !== undefined).map((d) => d.exercice)])].sort((a, b) => a - b);
  const dette = etatDeLaDette(detteYears, inp.dette ?? [], inp.years);
  const serieYears = (inp.serie ?? []).map((s) => s.exercice);
  const allYears = range(Math.min(...detteYears, ...serieYears), Math.max(...detteYears, ...serieYears));
  const eps = epargneYears(inp, allYears);
  const detteAll = etatDeLaDette(allYears, inp.dette ?? [], inp.years);
  tables.push(detteTable(inp, scope, dette));
  tables.push(detteChapitre16Table(inp, scope, dette));
  tables.push(epargneSeriesTable(inp, allYears, scope, detteAll, eps));
  const { table, ratios } = desendettementTable(inp, allYears, scope, detteAll, eps);
  tables.push(table);
  const seed = desendettementPublieTable(inp, scope, detteAll, eps, ratios);
  if (seed) tables.push(seed);
  tables.push(plafondsTable(inp, scope));
  const title = inp.budget.label;
  return tables.map((t) => ({ ...t, title: `${title} — ${t.title}` }));
}
