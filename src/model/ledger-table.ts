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

const SAFE = Number.MAX_SAFE_INTEGER;
/** Distinct values of a free-text column held once; past that many, new values are kept as they come. */
const INTERNED = 1 << 16;

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
  private readonly interned: Record<FreeColumn, Map<string, string> | undefined> = { fonction: new Map(), operation: new Map(), libelle: new Map() };
  private readonly repeats: Record<FreeColumn, number> = { fonction: 0, operation: 0, libelle: 0 };
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
    // Written out column by column (no loop over names): a million rows go through here.
    const { texts, dicts, free, amounts } = this;
    texts.budget[i] = dicts.budget.id(r.budget);
    texts.section[i] = dicts.section.id(r.section);
    texts.sens[i] = dicts.sens.id(r.sens);
    texts.chapitre[i] = dicts.chapitre.id(r.chapitre);
    texts.compte[i] = dicts.compte.id(r.compte);
    texts.nature[i] = dicts.nature.id(r.nature);
    free.fonction.push(this.freeText(r.fonction, r, 'fonction'));
    free.operation.push(this.freeText(r.operation, r, 'operation'));
    free.libelle.push(this.freeText(r.libelle, r, 'libelle'));
    this.exercice[i] = r.exercice;
    this.amount(amounts.realise, 0, i, r.realise);
    this.amount(amounts.rar, 1, i, r.rar);
    if (this.amount(amounts.credits_ouverts, 2, i, r.creditsOuverts) && !this.used.has('credits_ouverts')) this.used.add('credits_ouverts');
    if (this.amount(amounts.rar_precedent, 3, i, r.rarPrecedent) && !this.used.has('rar_precedent')) this.used.add('rar_precedent');
  }

  private freeText(v: string | undefined, r: LedgerRow, c: FreeColumn): string | undefined {
    if (v === undefined) return undefined;
    if (!this.used.has(c)) this.used.add(c);
    const s = this.restore(v, r, c);
    // A value seen before is held once (fonction codes, the labels of an account): each string is 24–70 bytes. A
    // column whose first INTERNED distinct values came with fewer repeats than that (an opération number a line) is
    // no longer looked up: the lookups would cost more than they save.
    const seen = this.interned[c];
    if (seen === undefined) return s;
    const held = seen.get(s);
    if (held !== undefined) {
      this.repeats[c]++;
      return held;
    }
    if (seen.size < INTERNED) seen.set(s, s);
    else if (this.repeats[c] < INTERNED) this.interned[c] = undefined;
    return s;
  }

  /** Stores cents at row i of an amount column (k: its index in AMOUNT_COLUMNS); false when absent. */
  private amount(a: Float64Array, k: number, i: number, v: Cents | undefined): boolean {
    if (v === undefined) {
      a[i] = NaN;
      return false;
    }
    if (v <= SAFE && v >= -SAFE) a[i] = Number(v);
    else {
      a[i] = Infinity;
      this.big.set(i * 4 + k, v);
    }
    return true;
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
