// A map from fixed-width integer tuples to values (open addressing over one Int32Array): a row's key cells, as read, to what validating them gave.

export class TupleMap<V> {
  private keys: Int32Array;
  private vals: (V | undefined)[];
  private size = 0;

  constructor(
    private readonly width: number,
    private cap = 1024,
  ) {
    this.keys = new Int32Array(width * cap);
    this.vals = new Array<V | undefined>(cap);
  }

  private hash(t: Int32Array): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < this.width; i++) h = Math.imul(h ^ t[i]!, 0x01000193);
    return (h ^ (h >>> 15)) >>> 0;
  }

  private same(slot: number, t: Int32Array): boolean {
    const keys = this.keys;
    const at = slot * this.width;
    for (let i = 0; i < this.width; i++) if (keys[at + i] !== t[i]) return false;
    return true;
  }

  get(t: Int32Array): V | undefined {
    const mask = this.cap - 1;
    for (let i = this.hash(t) & mask; ; i = (i + 1) & mask) {
      const v = this.vals[i];
      if (v === undefined || this.same(i, t)) return v;
    }
  }

  /** Records t → v (t copied); a tuple already held keeps its first value. */
  set(t: Int32Array, v: V): void {
    if ((this.size + 1) * 2 > this.cap) this.grow();
    const mask = this.cap - 1;
    for (let i = this.hash(t) & mask; ; i = (i + 1) & mask) {
      if (this.vals[i] === undefined) {
        this.keys.set(t.subarray(0, this.width), i * this.width);
        this.vals[i] = v;
        this.size++;
        return;
      }
      if (this.same(i, t)) return;
    }
  }

  private grow(): void {
    const { keys, vals, cap, width } = this;
    this.cap = cap * 2;
    this.keys = new Int32Array(width * this.cap);
    this.vals = new Array<V | undefined>(this.cap);
    this.size = 0;
    for (let i = 0; i < cap; i++) {
      const v = vals[i];
      if (v !== undefined) this.set(keys.subarray(i * width, (i + 1) * width), v);
    }
  }
}
