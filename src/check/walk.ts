// Iterates the model's budgets and exercices in a stable order (budgets as declared, years ascending).
import type { ExerciceBudget } from '../model/budget.js';
import type { CheckContext } from './types.js';

export function exercices(ctx: CheckContext): ExerciceBudget[] {
  const out: ExerciceBudget[] = [];
  for (const b of ctx.folder.model.budgets) {
    const years = ctx.folder.model.data.get(b.id);
    if (!years) continue;
    for (const y of [...years.keys()].sort((a, c) => a - c)) out.push(years.get(y)!);
  }
  return out;
}

/** Every exercice, those only budget documents describe included (a BP takes the CA's results over). */
export function exercicesWithBudgets(ctx: CheckContext): ExerciceBudget[] {
  return exercices({ ...ctx, folder: { ...ctx.folder, model: ctx.fullModel ?? ctx.folder.model } });
}

/** The executed exercice before `ex` of the same budget, when the folder has it. */
export function previous(ctx: CheckContext, ex: ExerciceBudget): ExerciceBudget | undefined {
  return ctx.folder.model.data.get(ex.budget)?.get(ex.exercice - 1);
}
