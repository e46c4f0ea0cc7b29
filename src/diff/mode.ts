// Chooses the diff mode from the exercices each side holds, or checks the one asked for with --mode.
import { UsageError } from '../errors.js';
import type { Mode } from './compare.js';

export interface ModeChoice {
  mode: Mode;
  /** The exercice is part of the key (same-year over several exercices). */
  byExercice: boolean;
  oldExercice: number;
  newExercice: number;
  /** Said in the output when the choice deserves a word. */
  notes: string[];
}

const list = (xs: number[]) => xs.join(', ') || 'none';

/**
 * Same exercices on both sides: two versions of the same year(s). One exercice on each side, different: the
 * evolution from the older to the newer. Anything else needs --mode and, for year-over-year, one exercice a side.
 */
export function chooseMode(oldEx: number[], newEx: number[], asked?: Mode): ModeChoice {
  // A side without any line compares as a version of the other (everything added or removed).
  const same = oldEx.length === 0 || newEx.length === 0 || (oldEx.length === newEx.length && oldEx.every((e, i) => e === newEx[i]));
  const single = oldEx.length === 1 && newEx.length === 1;
  const notes: string[] = [];
  const mode: Mode | undefined = asked ?? (same ? 'same-year' : single ? 'year-over-year' : undefined);
  if (mode === undefined) {
    throw new UsageError(
      `cannot choose a mode: OLD holds exercices ${list(oldEx)} and NEW ${list(newEx)}; pick one exercice a side with --old-exercice/--new-exercice, or give --mode same-year`,
    );
  }
  const first = oldEx[0] ?? newEx[0] ?? 0;
  if (mode === 'year-over-year') {
    if (!single) {
      throw new UsageError(
        `year-over-year compares one exercice with another: OLD holds ${list(oldEx)} and NEW ${list(newEx)}; pick one with --old-exercice/--new-exercice`,
      );
    }
    const [o, n] = [oldEx[0]!, newEx[0]!];
    if (n !== o + 1) notes.push(`OLD is exercice ${o} and NEW ${n}: not consecutive exercices`);
    return { mode, byExercice: false, oldExercice: o, newExercice: n, notes };
  }
  if (single && !same) {
    notes.push(`same-year mode on different exercices (OLD ${oldEx[0]}, NEW ${newEx[0]}): lines are matched without the exercice`);
    return { mode, byExercice: false, oldExercice: oldEx[0]!, newExercice: newEx[0]!, notes };
  }
  const byExercice = oldEx.length > 1 || newEx.length > 1 || !same;
  return { mode, byExercice, oldExercice: first, newExercice: newEx[0] ?? first, notes };
}
