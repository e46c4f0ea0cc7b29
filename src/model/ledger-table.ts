// Ledger rows held by column for convert: codes as ids into per-column dictionaries, free text as the strings read, cents in typed arrays.
import type { Cents } from '../money/cents.js';
import { LEDGER_COLUMNS, OPTIONAL_COLUMNS, type LedgerRow } from './ledger.js';

export type LedgerColumn = (typeof LEDGER_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** Code columns: few distinct values, held as dictionary ids. */
export const TEXT_COLUMNS = ['budget', 'section', 'sens', 'chapitre', 'compte', 'nature'] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];
/** Free text: as many values as rows (an opération number, a label), held as read. */
export const FREE_COLUMNS = ['fonction', 'operation', 'libelle'] as const;
export type FreeColumn = (typeof FREE_COLUMNS)[number];
export const AMOUNT_COLUMNS = ['realise', 'rar', 'credits_ouverts', 'rar_precedent'] as const;
export type AmountColumn = (typeof AMOUNT_COLUMNS)[number];

const AMOUNT_FIELD = { realise: 'realise', rar: 'rar', credits_ouverts: 'creditsOuverts', rar_precedent: 'rarPrecedent' } as const;
const SAFE = Number.MAX_SAFE_INTEGER;

/** The distinct values of one code column, in first-seen order. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  private last: string | undefined;
  private lastId = -1;
  id(v: string): number {
    // Runs of one value (a budget, an exercice's codes) skip the map.
    if (v === this.last) return this.lastId;
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(v);
      this.ids.set(v, id);
    }
    this.last = v;
    this.lastId = id;
    return id;
  }
}

export class LedgerTable {
  length = 0;
  private capacity = 1024;
  readonly dicts: Record<TextColumn, Dictionary>;
  /** Per code column, the dictionary id of each row (-1: absent). */
  texts: Record<TextColumn, Int32Array>;
  /** Per free-text column, each row's text (undefined: absent). */
  readonly free: Record<FreeColumn, (string | undefined)[]>;
  exercice = new Int32Array(this.capacity);
  /** Integer cents as exact doubles (|c| ≤ 2^53 − 1), NaN when absent; larger ones in `big`. */
  amounts: Record<AmountColumn, Float64Array>;
  private readonly big = new Map<number, Cents>();
  /** Optional columns some row fills. */
  readonly used = new Set<LedgerColumn>();

  /** `restore` is applied to each value of the free-text columns (libellé, fonction, opération) as it comes in. */
  constructor(private readonly restore: (s: string, row: LedgerRow, column: FreeColumn) => string = (s) => s) {
    this.dicts = Object.fromEntries(TEXT_COLUMNS.map((c) => [c, new Dictionary()])) as Record<TextColumn, Dictionary>;
    this.free = Object.fromEntries(FREE_COLUMNS.map((c) => [c, []])) as unknown as Record<FreeColumn, (string | undefined)[]>;
    this.texts = Object.fromEntries(TEXT_COLUMNS.map((c) => [c, new Int32Array(this.capacity)])) as Record<TextColumn, Int32Array>;
    this.amounts = Object.fromEntries(AMOUNT_COLUMNS.map((c) => [c, new Float64Array(this.capacity)])) as Record<AmountColumn, Float64Array>;
  }

  private grow(): void {
    const n = this.capacity * 2;
    const more = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    for (const c of TEXT_COLUMNS) this.texts[c] = more(this.texts[c]);
    for (const c of AMOUNT_COLUMNS) this.amounts[c] = more(this.amounts[c]);
    this.exercice = more(this.exercice);
    this.capacity = n;
  }

  push(r: LedgerRow): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    for (const c of TEXT_COLUMNS) this.texts[c][i] = this.dicts[c].id(r[c]);
    for (const c of FREE_COLUMNS) {
      const v = r[c];
      if (v === undefined) this.free[c].push(undefined);
      else {
        this.free[c].push(this.restore(v, r, c));
        this.used.add(c);
      }
    }
    this.exercice[i] = r.exercice;
    for (const c of AMOUNT_COLUMNS) {
      const v = r[AMOUNT_FIELD[c]];
      if (v === undefined) {
        this.amounts[c][i] = NaN;
        continue;
      }
      if (c === 'credits_ouverts' || c === 'rar_precedent') this.used.add(c);
      if (v <= SAFE && v >= -SAFE) this.amounts[c][i] = Number(v);
      else {
        this.amounts[c][i] = Infinity;
        this.big.set(i * 4 + AMOUNT_COLUMNS.indexOf(c), v);
      }
    }
  }

  /** The cents of row i in an amount column, undefined when absent. */
  cents(c: AmountColumn, i: number): Cents | undefined {
    const v = this.amounts[c][i]!;
    if (Number.isNaN(v)) return undefined;
    if (v === Infinity) return this.big.get(i * 4 + AMOUNT_COLUMNS.indexOf(c));
    return BigInt(v);
  }

  /** The mandatory columns, then each optional column some row fills, in docs order (as ledgerColumns). */
  columns(): LedgerColumn[] {
    return [...LEDGER_COLUMNS, ...OPTIONAL_COLUMNS.filter((c) => this.used.has(c))];
  }
}
