// CFU calculated chapter totals (ChapitreNature lines) compared with the account lines they total, at their own level.
import type { InputProblem } from '../../errors.js';
import { parsePlainAmount, type Cents } from '../../money/cents.js';
import type { Nature, Sens } from '../../model/ledger.js';
import type { DeclaredTotal } from '../../model/document.js';

/** The amounts a chapter total may state, in TOTEM element names. */
export const TOTAL_FIELDS = ['MtReal', 'MtRAR3112', 'MtPrev', 'CredOuv', 'MtBudgPrec', 'MtRARPrec', 'MtPropNouv'] as const;

/** An account line as the totals see it: its chapter by nature, sens, nature, opération and raw amounts. */
export interface TotalledLine {
  chapitre: string;
  sens: Sens;
  nature: Exclude<Nature, ''>;
  /** Opération d'équipement number, '' outside any. */
  operation: string;
  amounts: Partial<Record<(typeof TOTAL_FIELDS)[number], Cents>>;
}

export interface TotalRecord {
  line: number;
  fields: Map<string, string>;
}

/**
 * Reads each total's level from its own fields: InfoOpe TNULL (or absent) totals the lines outside any opération,
 * T every line, any other value the lines of that opération; OpBudg 0 / 1 the real / order lines, T (or absent) both.
 * Each amount the total states is compared with the sum of the same amount over the lines of that level.
 */
export function checkDeclaredTotals(records: TotalRecord[], lines: TotalledLine[], file: string, problems: InputProblem[]): DeclaredTotal[] {
  const out: DeclaredTotal[] = [];
  for (const r of records) {
    const get = (name: string) => (r.fields.get(name) ?? '').trim();
    const chapitre = get('ChapitreNature');
    const sens = get('CodRD');
    if (sens !== 'D' && sens !== 'R') {
      problems.push({ file, line: r.line, column: 'CodRD', message: 'sens of a chapter total must be D or R', value: sens });
      continue;
    }
    const info = get('InfoOpe');
    const operation = info === '' || info === 'TNULL' ? 'none' : info === 'T' ? 'all' : info;
    const op = get('OpBudg');
    const nature: Nature = op === '0' ? 'reel' : op === '1' ? 'ordre' : '';
    const matching = lines.filter(
      (l) =>
        l.chapitre === chapitre &&
        l.sens === sens &&
        (nature === '' || l.nature === nature) &&
        (operation === 'all' || (operation === 'none' ? l.operation === '' : l.operation === operation)),
    );
    for (const field of TOTAL_FIELDS) {
      const text = get(field);
      if (text === '') continue;
      const declared = parsePlainAmount(text);
      if (declared === undefined) {
        problems.push({ file, line: r.line, column: field, message: 'not an amount', value: text });
        continue;
      }
      let computed = 0n;
      for (const l of matching) computed += l.amounts[field] ?? 0n;
      out.push({ line: r.line, chapitre, sens, nature, operation, field, declared, computed });
    }
  }
  return out;
}
