// The per-entity CSV of `compute --by entity` written as UTF-8 bytes straight into 64 KiB pieces: no text per line, no encoding pass.
import { centsToString } from '../money/cents.js';
import { csvField } from './csv.js';
import { putCents, putInt } from './digits.js';

/** What a line's values are and how each column is written (render/balance.ts's BalanceLayout is one). */
export interface CsvRowLayout<R> {
  fields: readonly string[];
  /** Columns written as they are (decimals by construction): no quoting or formula guard. */
  plain: readonly boolean[];
  /** Columns whose values are cents (a safe integer or a BigInt), written as `-1234.50`. */
  cents: readonly boolean[];
  values(r: R): readonly (string | number | bigint | null)[];
}

/** A piece is handed on once it holds this many bytes. */
const PIECE = 1 << 16;

/**
 * Distinct texts of a column kept with their bytes (quoted and guarded once): the type, the nomenclature, the plan and
 * the reasons repeat on every line. A column of unique texts (the SIRET, the label) fills its table and is then
 * written as it comes.
 */
const MEMO = 256;

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Why: measured on the benchmark's national balance (6 275 entities, 3 MB of CSV), the text writer took 110-160 ms of
 * a 0.6 s run, strings concatenated per line then encoded per piece; this one 67-78 ms. The work of a line is in a
 * plain method called once per line: the same loop written inside the generator took 91-106 ms (measured, not
 * explained further). The bytes are the same as `csvField` and `centsToString` give (test/balance-csv-bytes.test.ts).
 */
export function* balanceCsvRows<R>(rows: Iterable<R>, layout: CsvRowLayout<R>): Generator<Buffer> {
  const w = new RowWriter(layout);
  for (const r of rows) {
    w.row(layout.values(r));
    if (w.ready.length > 0) yield* w.take();
  }
  w.end();
  yield* w.take();
}

class RowWriter {
  private readonly plain: readonly boolean[];
  private readonly cents: readonly boolean[];
  private readonly memo: Map<string, Buffer>[];
  private b = Buffer.allocUnsafe(2 * PIECE);
  private p = 0;
  /** Full pieces, handed on after the line that filled them. */
  ready: Buffer[] = [];

  constructor(layout: Omit<CsvRowLayout<unknown>, 'values'>) {
    this.plain = layout.plain;
    this.cents = layout.cents;
    this.memo = layout.fields.map(() => new Map<string, Buffer>());
  }

  take(): Buffer[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  /** Hands on the piece begun, and begins a new one (the one handed on may still be waiting to be written). */
  end(): void {
    if (this.p === 0) return;
    this.ready.push(this.b.subarray(0, this.p));
    this.b = Buffer.allocUnsafe(2 * PIECE);
    this.p = 0;
  }

  /** Room for `need` more bytes: the piece is handed on and a new one begun when it lacks them. */
  private room(need: number): void {
    if (this.p + need <= this.b.length) return;
    if (this.p > 0) this.ready.push(this.b.subarray(0, this.p));
    this.b = Buffer.allocUnsafe(Math.max(2 * PIECE, need));
    this.p = 0;
  }

  row(values: readonly (string | number | bigint | null)[]): void {
    const { plain, cents, memo } = this;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      // Room for the comma, a number (at most 22 bytes) or a text of up to 3 bytes a UTF-16 unit, quotes doubled.
      this.room(2 + (typeof v === 'string' ? 6 * v.length + 3 : 24));
      const b = this.b;
      let p = this.p;
      if (i > 0) b[p++] = 44;
      if (typeof v === 'string') {
        const m = memo[i]!;
        const held = m.get(v);
        if (held !== undefined) {
          if (held.length > 16) b.set(held, p);
          else for (let k = 0; k < held.length; k++) b[p + k] = held[k]!;
          p += held.length;
        } else {
          // Amounts and the capacité are plain decimals by construction: no quoting or formula guard to apply.
          const text = plain[i] ? v : csvField(v);
          if (m.size < MEMO) {
            const bytes = Buffer.from(text, 'utf8');
            m.set(v, bytes);
            b.set(bytes, p);
            p += bytes.length;
          } else p = putText(b, p, text);
        }
      } else if (typeof v === 'number') {
        if (cents[i]) p = putCents(b, p, v);
        else if (Number.isSafeInteger(v) && v >= 0) p = putInt(b, p, v);
        else p = putText(b, p, String(v));
      } else if (typeof v === 'bigint') {
        // BigInt cents: the same digits, by integer arithmetic while they are safe.
        if (!cents[i]) p = putText(b, p, v.toString());
        else p = v <= SAFE && v >= -SAFE ? putCents(b, p, Number(v)) : putText(b, p, centsToString(v));
      }
      this.p = p;
    }
    this.room(1);
    this.b[this.p++] = 10;
    if (this.p >= PIECE) this.end();
  }
}

/** A text as UTF-8 at b[p…] (room made by the caller): ASCII byte by byte, the rest by the encoder; returns the end. */
function putText(b: Buffer, p: number, s: string): number {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0x80) return p + b.write(s.slice(k), p, 'utf8');
    b[p++] = c;
  }
  return p;
}
