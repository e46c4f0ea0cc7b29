// Ledger rows held by column for convert: codes as ids into per-column dictionaries, free text as the strings read, cents in typed arrays.
import type { Cents } from '../money/cents.js';
import { LEDGER_COLUMNS, OPTIONAL_COLUMNS, type LedgerRow } from './ledger.js';
import type { LedgerKey, LedgerSink } from './ledger-sink.js';

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

/**
 * One free-text column's store: each row's text as read (undefined: absent), a value seen before that `restore` left
 * unchanged held once (a reader that holds its short texts by their bytes gives the same string again, found at once).
 * A column whose first INTERNED distinct values came with fewer repeats than that (an opération number a line) is no
 * longer looked up: the lookups would cost more than they save. One object a column keeps each access monomorphic (the
 * keyed loads of a table indexed by column name cost 30 % of a push).
 */
class FreeStore {
  readonly values: (string | undefined)[] = [];
  used = false;
  private seen: Map<string, string> | undefined = new Map();
  private repeats = 0;
  /** The last text given as it came and as held: runs of one value (a label repeated) skip `restore` and the map. */
  private lastIn: string | undefined;
  private lastOut: string | undefined;

  constructor(readonly name: FreeColumn) {}

  /** v as held, `restore` applied: see LedgerTable's constructor. */
  take(v: string, file: string, line: number, restore: Restore): string {
    if (v === this.lastIn) return this.lastOut!;
    this.used = true;
    // A text seen before as it came, `restore` having changed nothing: held once, `restore` not called again (a
    // change is noted by row, so a text it changes goes through it every time).
    const seen = this.seen;
    if (seen !== undefined) {
      const held = seen.get(v);
      if (held !== undefined) {
        this.repeats++;
        this.lastIn = v;
        this.lastOut = held;
        return held;
      }
    }
    const s = restore(v, file, line, this.name);
    if (s !== v) return s;
    if (seen !== undefined) {
      if (seen.size < INTERNED) seen.set(v, v);
      else if (this.repeats < INTERNED) this.seen = undefined;
    }
    this.lastIn = v;
    this.lastOut = v;
    return v;
  }
}

const SAFE_BIG = BigInt(SAFE);

/** A free-text value as held: see LedgerTable's constructor. */
export type Restore = (s: string, file: string, line: number, column: FreeColumn) => string;

/** The key columns a combination handle stands for, in this order. */
const KEY_WIDTH = 7;

export class LedgerTable implements LedgerSink {
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
  private readonly fonction = new FreeStore('fonction');
  private readonly operation = new FreeStore('operation');
  private readonly libelle = new FreeStore('libelle');
  private creditsUsed = false;
  private rarPrecedentUsed = false;
  /** By combination handle (`key`): its six code ids and its exercice. */
  private keyIds = new Int32Array(KEY_WIDTH * 256);
  private keys = 0;

  /**
   * `restore` is applied to each value of the free-text columns (libellé, fonction, opération) as it comes in. It
   * returns its argument itself when it has nothing to change (and so nothing to note about the row): such a value is
   * then held for the next row that brings the same string without calling `restore` again.
   */
  constructor(private readonly restore: Restore = (s) => s) {
    this.dicts = Object.fromEntries(TEXT_COLUMNS.map((c) => [c, new Dictionary()])) as Record<TextColumn, Dictionary>;
    this.free = { fonction: this.fonction.values, operation: this.operation.values, libelle: this.libelle.values };
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
    const { texts, dicts, amounts } = this;
    texts.budget[i] = dicts.budget.id(r.budget);
    texts.section[i] = dicts.section.id(r.section);
    texts.sens[i] = dicts.sens.id(r.sens);
    texts.chapitre[i] = dicts.chapitre.id(r.chapitre);
    texts.compte[i] = dicts.compte.id(r.compte);
    texts.nature[i] = dicts.nature.id(r.nature);
    this.freeText(r.fonction, r.operation, r.libelle, r.file, r.line);
    this.exercice[i] = r.exercice;
    amount(amounts.realise, i, r.realise, this.big, 0);
    amount(amounts.rar, i, r.rar, this.big, 1);
    if (amount(amounts.credits_ouverts, i, r.creditsOuverts, this.big, 2)) this.creditsUsed = true;
    if (amount(amounts.rar_precedent, i, r.rarPrecedent, this.big, 3)) this.rarPrecedentUsed = true;
  }

  /** A handle for rows of combination k: its code ids looked up once, not on every row. */
  key(k: LedgerKey): number {
    if ((this.keys + 1) * KEY_WIDTH > this.keyIds.length) {
      const b = new Int32Array(this.keyIds.length * 2);
      b.set(this.keyIds);
      this.keyIds = b;
    }
    const at = this.keys * KEY_WIDTH;
    const { dicts, keyIds } = this;
    keyIds[at] = dicts.budget.id(k.budget);
    keyIds[at + 1] = dicts.section.id(k.section);
    keyIds[at + 2] = dicts.sens.id(k.sens);
    keyIds[at + 3] = dicts.chapitre.id(k.chapitre);
    keyIds[at + 4] = dicts.compte.id(k.compte);
    keyIds[at + 5] = dicts.nature.id(k.nature);
    keyIds[at + 6] = k.exercice;
    return this.keys++;
  }

  /** A row of the combination `key` stands for, without a row object: see LedgerSink. */
  keyed(
    key: number,
    realise: number,
    rar: number,
    creditsOuverts: number,
    rarPrecedent: number,
    fonction: string | undefined,
    operation: string | undefined,
    libelle: string | undefined,
    file: string,
    line: number,
  ): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    const { texts, amounts, keyIds } = this;
    const at = key * KEY_WIDTH;
    texts.budget[i] = keyIds[at]!;
    texts.section[i] = keyIds[at + 1]!;
    texts.sens[i] = keyIds[at + 2]!;
    texts.chapitre[i] = keyIds[at + 3]!;
    texts.compte[i] = keyIds[at + 4]!;
    texts.nature[i] = keyIds[at + 5]!;
    this.exercice[i] = keyIds[at + 6]!;
    this.freeText(fonction, operation, libelle, file, line);
    amounts.realise[i] = realise;
    amounts.rar[i] = rar;
    amounts.credits_ouverts[i] = creditsOuverts;
    if (creditsOuverts === creditsOuverts) this.creditsUsed = true;
    amounts.rar_precedent[i] = rarPrecedent;
    if (rarPrecedent === rarPrecedent) this.rarPrecedentUsed = true;
  }

  private freeText(fo: string | undefined, op: string | undefined, li: string | undefined, file: string, line: number): void {
    const { fonction, operation, libelle, restore } = this;
    fonction.values.push(fo === undefined ? undefined : fonction.take(fo, file, line, restore));
    operation.values.push(op === undefined ? undefined : operation.take(op, file, line, restore));
    libelle.values.push(li === undefined ? undefined : libelle.take(li, file, line, restore));
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
    const used: Record<(typeof OPTIONAL_COLUMNS)[number], boolean> = {
      fonction: this.fonction.used,
      operation: this.operation.used,
      libelle: this.libelle.used,
      credits_ouverts: this.creditsUsed,
      rar_precedent: this.rarPrecedentUsed,
    };
    return [...LEDGER_COLUMNS, ...OPTIONAL_COLUMNS.filter((c) => used[c])];
  }
}

/** Stores cents at row i of an amount column (k: its index in AMOUNT_COLUMNS); false when absent. */
function amount(a: Float64Array, i: number, v: Cents | undefined, big: Map<number, Cents>, k: number): boolean {
  if (v === undefined) {
    a[i] = NaN;
    return false;
  }
  // BigInt against BigInt: a comparison with a Number is several times slower.
  if (v <= SAFE_BIG && v >= -SAFE_BIG) a[i] = Number(v);
  else {
    a[i] = Infinity;
    big.set(i * 4 + k, v);
  }
  return true;
}
