// Where an output comes from: tool version, inputs with their sha256, plans used, options that change figures.
import { TOOL } from '../version.js';
import { planRule, type PlanRule } from '../nomenclature/plan.js';
import { DEFAULT_DEFINITION } from '../definitions/index.js';

export interface Provenance {
  tool: { name: string; version: string };
  inputs: { path: string; role: string; sha256: string }[];
  /** rule: whether the plan is the exercice's own or the nearest earlier / later one; chosenBy: how its declinaison was picked when the input named only a norme. */
  plans: { exercice: number; plan: string; rule?: PlanRule; chosenBy?: string }[];
  options: Record<string, string | number | boolean | null>;
}

export function makeProvenance(
  inputs: { path: string; role: string; sha256: string }[],
  plans: Map<number, { id: string; exercice?: number; chosenBy?: string }>,
  options: Provenance['options'],
): Provenance {
  return {
    tool: { ...TOOL },
    // Paths as the readers recorded them: relative to the working directory (read/input-file.ts).
    inputs: inputs.map((i) => ({ path: i.path, role: i.role, sha256: i.sha256 })),
    plans: [...plans.entries()]
      .sort(([a], [b]) => a - b)
      .map(([exercice, p]) => ({
        exercice,
        plan: p.id,
        ...(p.exercice !== undefined ? { rule: planRule(p.exercice, exercice) } : {}),
        ...(p.chosenBy ? { chosenBy: p.chosenBy } : {}),
      })),
    // Every output names the definition of its aggregates (src/definitions/): `ca` unless the command chose another.
    options: { ...options, definition: options.definition ?? DEFAULT_DEFINITION },
  };
}
