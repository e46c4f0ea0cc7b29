// The folder manifest's shape (zod schema and type): which budgets, which files, which nomenclature.
import { z } from 'zod';

/** Exercices a manifest may name: far around any compte administratif a tool could read. */
export const EXERCICE_MIN = 1990;
export const EXERCICE_MAX = 2100;
const Exercice = z.number().int().min(EXERCICE_MIN, `exercice must be between ${EXERCICE_MIN} and ${EXERCICE_MAX}`).max(EXERCICE_MAX, `exercice must be between ${EXERCICE_MIN} and ${EXERCICE_MAX}`);

const Budget = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/), label: z.string().min(1) });

const Decision1068 = z.object({
  budget: z.string(),
  exercice: Exercice,
  /** The 1068 voted by the assembly when it decides more than the besoin de financement. */
  compte1068: z.string().regex(/^\d+(\.\d{1,2})?$/),
});

export const Manifest = z
  .object({
    schema: z.literal('sitiv-ca.manifest/1'),
    entite: z
      .object({
        nom: z.string(),
        categorie: z.enum(['commune', 'epci-fp', 'syndicat', 'departement', 'region', 'autre']).default('autre'),
        population: z.number().int().nonnegative().optional(),
        /** Ceiling of the capacité de désendettement the entity sets itself, in years. */
        plafondDesendettement: z.number().finite('plafondDesendettement must be a finite number of years').positive('plafondDesendettement must be a positive number of years').optional(),
      })
      .optional(),
    /** Declinaison of the plan de comptes (M57, M57_A, M57_D, M14_COM_SUP3500…). */
    nomenclature: z.string().min(1),
    /** Per-exercice declinaison where it differs from `nomenclature` (an M14 year beside M57 years): "2018": "M14_COM_SUP3500". */
    nomenclatures: z
      .record(
        z.string().regex(/^\d{4}$/, 'key must be an exercice such as 2018').refine((k) => Number(k) >= EXERCICE_MIN && Number(k) <= EXERCICE_MAX, `exercice must be between ${EXERCICE_MIN} and ${EXERCICE_MAX}`),
        z.string().min(1),
      )
      .optional(),
    /** Unit of the figures in the ledgers: "0.01" (cents) or "1" (whole euros, as printed). */
    precision: z.enum(['0.01', '1']).default('0.01'),
    budgets: z
      .array(Budget)
      .min(1)
      .superRefine((list, ctx) => {
        const seen = new Map<string, number>();
        list.forEach((b, i) => {
          const first = seen.get(b.id);
          if (first !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, 'id'], message: `budget id ${b.id} is already declared at budgets.${first}` });
          else seen.set(b.id, i);
        });
      }),
    ledgers: z.array(z.string().min(1)).min(1),
    /** Ledger columns no synonym covers: the export's column name → ledger column (or "ignore"). */
    columns: z.record(z.string(), z.string()).optional(),
    cofinancement: z.string().optional(),
    dette: z.string().optional(),
    serie: z.string().optional(),
    publie: z.string().optional(),
    affectation: z.array(Decision1068).optional(),
    /** A named printed layout of the RAR table (`sitiv`: the SITIV report's rows); absent = the chapters of the plan. */
    rarLayout: z.enum(['sitiv']).optional(),
  })
  .passthrough();

export type Manifest = z.infer<typeof Manifest>;

export const MANIFEST_NAME = 'manifest.json';
