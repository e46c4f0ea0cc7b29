// Two 32-bit hashes of (combination id, fonction, opération) from their texts: the repeated-line checks' fingerprint of rows held as strings.

/** Two 32-bit hashes of (id, text a, text b) into `out`: fed the trimmed fonction and opération a row's key holds. */
export function textFingerprint(out: Int32Array, id: number, a: string, b: string): void {
  let h1 = Math.imul(id + 1, 0x9e3779b1);
  let h2 = 0x811c9dc5 ^ id;
  for (let p = 0; p < a.length; p++) {
    const x = a.charCodeAt(p);
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul(h2 + x, 0x5bd1e995) ^ (h2 >>> 15);
  }
  // A separator, so that ("1", "23") and ("12", "3") differ.
  h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
  h2 = Math.imul(h2 + 0x1f, 0x5bd1e995) ^ (h2 >>> 15);
  for (let p = 0; p < b.length; p++) {
    const x = b.charCodeAt(p);
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul(h2 + x, 0x5bd1e995) ^ (h2 >>> 15);
  }
  out[0] = h1;
  out[1] = h2;
}
