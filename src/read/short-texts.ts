// Short texts that repeat from row to row (a fonction, a label), held by their bytes: the same string given again for the same bytes, decoded once.

/** 32 768 spellings of at most 32 bytes (1 MiB), direct-mapped. */
const SLOTS = 1 << 15;
const MAX = 32;
/** A column is looked up for its first TRIAL texts, and after them while a quarter or more were found. */
const TRIAL = 16384;
const COLUMNS = 64;

/**
 * `find` looks bytes [a, e) of column col up; on a miss, `keep` holds the text the caller decoded from them. A column
 * of unique texts (an opération number a line) stops being looked up after its trial, so that it costs a counter.
 * The caller decides what a text is (a reader's decoding of the bytes): the table only gives back what it was given
 * for the same bytes, so a text held here is exactly the one decoding them again would give.
 */
export class ShortTexts {
  private readonly text: (string | undefined)[] = new Array<string | undefined>(SLOTS);
  private readonly len = new Int8Array(SLOTS);
  private readonly bytes = new Uint8Array(SLOTS * MAX);
  private readonly tries = new Int32Array(COLUMNS);
  private readonly hits = new Int32Array(COLUMNS);
  /** The slot of the last miss that `keep` fills (-1: not held). */
  private slot = -1;
  private from: Uint8Array = new Uint8Array(0);
  private a = 0;
  private n = 0;

  /** The text held for bytes [a, e) of b in column col, or undefined: then decode them and give the text to `keep`. */
  find(b: Uint8Array, a: number, e: number, col: number): string | undefined {
    this.slot = -1;
    const n = e - a;
    if (n > MAX || n === 0 || col >= COLUMNS) return undefined;
    const tries = this.tries[col]!;
    if (tries >= TRIAL && this.hits[col]! * 4 < tries) return undefined;
    if (tries < TRIAL) this.tries[col] = tries + 1;
    let h = n;
    for (let k = a; k < e; k++) h = Math.imul(h ^ b[k]!, 0x01000193);
    const slot = (h ^ (h >>> 15)) & (SLOTS - 1);
    const held = this.text[slot];
    if (held !== undefined && this.len[slot] === n) {
      const bytes = this.bytes;
      const at = slot * MAX;
      let k = 0;
      while (k < n && bytes[at + k] === b[a + k]) k++;
      if (k === n) {
        if (tries < TRIAL) this.hits[col] = this.hits[col]! + 1;
        return held;
      }
    }
    this.slot = slot;
    this.from = b;
    this.a = a;
    this.n = n;
    return undefined;
  }

  /** The text of the bytes the last `find` missed, held for them (nothing when they are not held); returns it. */
  keep(text: string): string {
    const slot = this.slot;
    if (slot < 0) return text;
    this.slot = -1;
    const { from: b, a, n, bytes } = this;
    const at = slot * MAX;
    this.text[slot] = text;
    this.len[slot] = n;
    for (let k = 0; k < n; k++) bytes[at + k] = b[a + k]!;
    return text;
  }
}
