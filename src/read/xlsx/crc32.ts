// CRC-32 (the zip checksum) by table, slicing by eight bytes: zlib.crc32 exists only from Node 22.
const T = new Int32Array(8 * 256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  T[n] = c;
}
for (let n = 0; n < 256; n++) for (let k = 1; k < 8; k++) T[k * 256 + n] = (T[(k - 1) * 256 + n]! >>> 8) ^ T[T[(k - 1) * 256 + n]! & 0xff]!;

/** The running CRC of `crc` (0 to start) extended by `b`; unsigned. */
export function crc32(b: Uint8Array, crc = 0): number {
  let c = ~crc | 0;
  let i = 0;
  const n = b.length;
  const end8 = n - (n & 7);
  while (i < end8) {
    const lo = c ^ (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
    c =
      T[1792 + (lo & 0xff)]! ^
      T[1536 + ((lo >>> 8) & 0xff)]! ^
      T[1280 + ((lo >>> 16) & 0xff)]! ^
      T[1024 + (lo >>> 24)]! ^
      T[768 + b[i + 4]!]! ^
      T[512 + b[i + 5]!]! ^
      T[256 + b[i + 6]!]! ^
      T[b[i + 7]!]!;
    i += 8;
  }
  while (i < n) c = T[(c ^ b[i++]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
