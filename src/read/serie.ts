// Reads serie.csv (id,exercice,valeur,source): a declared yearly series (épargne, capital restant dû, ratio), an input.
import { KNOWN_SERIES, type SerieRow } from '../model/side-tables.js';
import { InputError, type InputProblem } from '../errors.js';
import type { Dec } from '../money/cents.js';
import { parsePrintedNumber, readSmallCsv } from './publie.js';

export const SERIE_HEADER = ['id', 'exercice', 'valeur', 'source'] as const;

export async function readSerie(path: string, displayName = path): Promise<SerieRow[]> {
  const { rows } = await readSmallCsv(path, displayName, SERIE_HEADER);
  const problems: InputProblem[] = [];
  const out: SerieRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of rows) {
    const at = (n: number, column: string, message: string, value: string) =>
      problems.push({ file: displayName, line, column: `${n} (${column})`, message, value });
    const before = problems.length;
    const id = fields.id!;
    if (!(KNOWN_SERIES as readonly string[]).includes(id)) at(1, 'id', `unknown series (known: ${KNOWN_SERIES.join(', ')})`, id);
    if (!/^\d{4}$/.test(fields.exercice!)) at(2, 'exercice', 'exercice must be a year such as 2022', fields.exercice!);
    const valeur = parsePrintedNumber(fields.valeur!);
    if (!valeur) at(3, 'valeur', 'not a number (e.g. "1 185 818" or "1,5")', fields.valeur!);
    const key = `${id}|${fields.exercice}`;
    const first = seen.get(key);
    if (first !== undefined) at(1, 'id', `series ${id} already has a value for ${fields.exercice} at line ${first}`, id);
    if (problems.length > before || !valeur) continue;
    seen.set(key, line);
    out.push({ id, exercice: Number(fields.exercice), valeur, source: fields.source!, file: displayName, line });
  }
  if (problems.length > 0) throw new InputError(problems);
  return out;
}
