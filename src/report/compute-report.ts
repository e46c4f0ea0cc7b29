// From a loaded folder to the compute report: every CA table of every budget and exercice, with provenance.
import { computeAffectation } from '../compute/affectation.js';
import { computeCofinancement } from '../compute/cofinancement.js';
import { computeRarDetail } from '../compute/rar.js';
import { computeResultats } from '../compute/resultats.js';
import { InputError } from '../errors.js';
import { parsePlainAmount } from '../money/cents.js';
import { realisedTotal } from '../model/budget.js';
import { planRarLayout, RAR_LAYOUTS } from '../nomenclature/presentation.js';
import type { LoadedFolder } from '../model/folder.js';
import { publishedById } from '../model/side-tables.js';
import { publishedGapsTable } from './published-gaps.js';
import { affectationTable, cofinancementTable, executionTable, rarTable } from './ca.js';
import { annualContext, annualTables } from './annual.js';
import { compareDefinitionsTables } from './definitions-compare.js';
import { multiYearTables } from './multi-year.js';
import { chapitresTable, hasCredits } from './chapitres.js';
import { FLOW_KEYS } from '../model/budget.js';
import { budgetDocumentTables, budgetOnlyYears, reportHeading } from './budget-report.js';
import { makeProvenance, type Provenance } from './provenance.js';
import type { Table } from './table.js';
import { DEFAULT_DEFINITION } from '../definitions/index.js';

export interface ComputeOptions {
  /** Leave proceeds of asset sales (775…) out of real recettes, as national aggregates do. */
  excludeCessions?: boolean;
  /** The named definition of the aggregates (`ca` by default, `ofgl`, `decret-2023`): src/definitions/. */
  definition?: string;
  /** Only the comparison of the definitions (side by side, and the bridge by account) for each budget's last exercice. */
  compareDefinitions?: boolean;
}

export interface ComputeReport {
  schema: 'sitiv-ca.compute/1';
  provenance: Provenance;
  entity?: string;
  /** What the documents are, when not a compte administratif (budget documents only). */
  heading?: string;
  tables: Table[];
}

export function buildComputeReport(folder: LoadedFolder, options: ComputeOptions = {}): ComputeReport {
  const { manifest, model, plans } = folder;
  const definition = options.definition ?? DEFAULT_DEFINITION;
  const tables: Table[] = [];
  const decisions = manifest.affectation ?? [];
  for (const budget of model.budgets) {
    // Years only budget documents describe get their budget tables, never the CA's.
    const budgetYears = budgetOnlyYears(folder.documents, budget.id);
    const all = model.data.get(budget.id) ?? new Map();
    const years = new Map([...all].filter(([y]) => !budgetYears.has(y)));
    // Every exercice gets its single-year analysis (chapters, épargne, dette, ratios). The printed documents (XLSX, HTML,
    // PDF) keep only the last year's: every year's would take SITIV 2018–2022 from 37 to 69 A4 pages, past its budget of
    // 40 (docs/multi-year.md); the earlier years are marked and report/printed.ts leaves them out with a note.
    const lastYear = Math.max(...years.keys());
    for (const exercice of [...years.keys()].sort((a, b) => a - b)) {
      const ex = years.get(exercice)!;
      const plan = plans.get(exercice)!;
      const scope = `${budget.id}.${exercice}`;
      const labelOf = (code: string) => plan.chapter(code)?.libCourt ?? '';
      const resultats = computeResultats(ex);
      const decision = decisions.find((d) => d.budget === budget.id && d.exercice === exercice);
      const decided1068 = decision ? parsePlainAmount(decision.compte1068) : undefined;
      const affectation = computeAffectation({
        resultatFonctionnement: resultats.fonctionnement.cumule,
        soldeInvestissement: resultats.investissement.cumule,
        besoinFinancement: resultats.besoinFinancement,
        ...(decided1068 !== undefined ? { decided1068 } : {}),
      });
      const titled = (t: Table): Table => ({ ...t, title: `${budget.label} — ${t.title}` });
      // The single-year analysis: printed for the last exercice only (report/printed.ts).
      const analysis = (t: Table): Table => ({ ...titled(t), ...(exercice === lastYear ? {} : { printOmitted: true }) });
      if (options.compareDefinitions) {
        const annual = { folder, budget: budget.id, exercice, ex, plan, scope, excludeCessions: options.excludeCessions ?? false, definition };
        if (exercice === lastYear) {
          const c = annualContext(annual);
          tables.push(...compareDefinitionsTables(c.context, plan, scope, exercice, definition, c.population).map(titled));
        }
        continue;
      }
      tables.push(titled(executionTable(scope, exercice, resultats)));
      const credits = hasCredits(ex);
      for (const key of FLOW_KEYS) tables.push(analysis(chapitresTable(scope, exercice, key, ex.flows[key], plan, credits)));
      // A named printed layout's rows are M57 chapters: a plan without one (016, 6586… in M4x, M61) gets no row for it.
      const rarLayout = manifest.rarLayout
        ? RAR_LAYOUTS[manifest.rarLayout]!.map((b) => ({ ...b, rows: b.rows.filter((r) => r.aggregatePrefix !== undefined || plan.chapter(r.code)) }))
        : planRarLayout(plan);
      tables.push(titled(rarTable(scope, exercice, computeRarDetail(ex, rarLayout), labelOf)));
      tables.push(titled(affectationTable(scope, exercice, resultats, affectation, decided1068)));
      tables.push(...annualTables({ folder, budget: budget.id, exercice, ex, plan, scope, excludeCessions: options.excludeCessions ?? false, definition }).map(analysis));
      const partners = folder.cofinancement.filter((p) => p.budget === budget.id);
      if (partners.length > 0) {
        tables.push(titled(cofinancementTable(scope, exercice, computeCofinancement(partners, realisedTotal(ex.flows.FD)))));
      }
    }
    if (options.compareDefinitions) continue;
    tables.push(...budgetDocumentTables(budget, folder.documents, plans));
    // Several exercices: the multi-year tables; dette.csv and serie.csv belong to the first (principal) budget.
    const principal = budget.id === model.budgets[0]?.id;
    tables.push(
      ...multiYearTables({
        budget,
        years,
        plans,
        ...(principal && folder.dette ? { dette: folder.dette } : {}),
        ...(principal && folder.serie ? { serie: folder.serie } : {}),
        ...(folder.publie ? { publie: publishedById(folder.publie) } : {}),
        ...(manifest.entite ? { categorie: manifest.entite.categorie } : {}),
        ...(manifest.entite?.plafondDesendettement !== undefined ? { plafondDesendettement: manifest.entite.plafondDesendettement } : {}),
        precision: manifest.precision,
        excludeCessions: options.excludeCessions ?? false,
        definition,
      }),
    );
  }
  const unknown = folder.cofinancement.find((p) => !model.budgets.some((b) => b.id === p.budget));
  if (unknown) {
    throw new InputError({ file: manifest.cofinancement ?? 'cofinancement.csv', line: unknown.line, column: '1 (budget)', message: 'budget not declared in the manifest', value: unknown.budget });
  }
  if (folder.publie) {
    const gaps = publishedGapsTable(tables, folder.publie);
    if (gaps) tables.push(gaps);
  }
  return {
    schema: 'sitiv-ca.compute/1',
    provenance: makeProvenance(folder.inputs, plans, { excludeCessions: options.excludeCessions ?? false, definition, ...(options.compareDefinitions ? { compareDefinitions: true } : {}), ...folder.readerNotes }),
    ...(manifest.entite ? { entity: manifest.entite.nom } : {}),
    ...(reportHeading(folder.documents) ? { heading: reportHeading(folder.documents)! } : {}),
    tables,
  };
}
