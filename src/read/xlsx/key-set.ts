// The repeated-line check without a string per row: two 32-bit hashes of (combination id, fonction, opération) in one open-addressing table.
import { textFingerprint } from '../text-fingerprint.js';

/** Fingerprints with the row that brought each; a probe reads three adjacent slots. */
export class RowKeys {
  private slots = new Int32Array(3 << 12);
  private size = 0;
  private readonly fp = new Int32Array(2);

  /** The row already holding (id, a, b), or 0 after recording `row` (rows are ≥ 1). */
  add(id: number, a: string, b: string, row: number): number {
    textFingerprint(this.fp, id, a, b);
    const h1 = this.fp[0]!;
    return this.put(h1, this.fp[1]! ^ (h1 >>> 13), row);
  }

  private put(h1: number, h2: number, row: number): number {
    if (this.size * 2 >= this.slots.length / 3) this.grow();
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    for (let i = (h1 ^ (h2 >>> 7)) & mask; ; i = (i + 1) & mask) {
      const at = 3 * i;
      const held = slots[at + 2]!;
      if (held === 0) {
        slots[at] = h1;
        slots[at + 1] = h2;
        slots[at + 2] = row;
        this.size++;
        return 0;
      }
      if (slots[at] === h1 && slots[at + 1] === h2) return held;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.size = 0;
    for (let at = 0; at < old.length; at += 3) if (old[at + 2] !== 0) this.put(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}
