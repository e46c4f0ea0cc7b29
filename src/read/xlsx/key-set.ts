// The repeated-line check without a string per row: two 32-bit hashes of (combination id, fonction, opération) in one open-addressing table.
import { KeySet } from '../repeat-check.js';
import { textFingerprint } from '../text-fingerprint.js';

/** Fingerprints with the row that brought each (the ledger CSV reader's exact set, read/repeat-check.ts). */
export class RowKeys {
  private readonly keys = new KeySet();
  private readonly fp = new Int32Array(2);

  /** The row already holding (id, a, b), or 0 after recording `row` (rows are ≥ 1). */
  add(id: number, a: string, b: string, row: number): number {
    textFingerprint(this.fp, id, a, b);
    const h1 = this.fp[0]!;
    const h2 = this.fp[1]! ^ (h1 >>> 13);
    // The set probes from the first half's low bits: those of h1 mixed with h2's (a bijection, so no pair is lost).
    return this.keys.add(h1 ^ (h2 >>> 7), h2, row);
  }
}
