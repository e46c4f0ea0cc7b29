// The exercices of a diff side, and keeping one of them (`--old-exercice`, `--new-exercice`).
import { InputError } from '../errors.js';
import type { Side } from '../model/folder.js';

/** Keeps one exercice of a side (`--old-exercice`, `--new-exercice`); none kept is unusable input. */
export function selectExercice(side: Side, exercice: number): Side {
  const rows = side.rows.filter((r) => r.exercice === exercice);
  if (rows.length === 0) {
    const held = [...exercicesOf(side)].join(', ') || 'none';
    throw new InputError({ file: side.path, message: `no line of exercice ${exercice} (exercices held: ${held})`, value: String(exercice) });
  }
  return { ...side, rows };
}

export function exercicesOf(side: Side): number[] {
  return [...new Set(side.rows.map((r) => r.exercice))].sort((a, b) => a - b);
}
