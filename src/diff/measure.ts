// One compared amount: old, new, difference and relative difference (unrounded; display rounds once).
import { D, type Cents, type Dec } from '../money/cents.js';
import { t as tr } from '../messages/index.js';

export interface Measure {
  /** undefined when the line is absent from that side. */
  old?: Cents;
  new?: Cents;
  /** new − old, an absent side counting as zero. */
  delta: Cents;
  /** delta / |old| in percent; undefined when the base is zero or absent (see `nsReason`). */
  pct?: Dec;
  nsReason?: string;
}

const abs = (c: Cents): Cents => (c < 0n ? -c : c);

export function measure(oldValue: Cents | undefined, newValue: Cents | undefined): Measure {
  const o = oldValue ?? 0n;
  const n = newValue ?? 0n;
  const m: Measure = { delta: n - o };
  if (oldValue !== undefined) m.old = oldValue;
  if (newValue !== undefined) m.new = newValue;
  if (oldValue === undefined) m.nsReason = 'line absent from OLD: no base for a relative difference';
  else if (o === 0n) m.nsReason = tr('report.zeroBase');
  // Dividing by |old| keeps the sign of the difference: a result falling from −100 to −150 reads −50 %.
  else m.pct = new D(m.delta.toString()).times(100).div(new D(abs(o).toString()));
  return m;
}

export function absDelta(m: Measure): Cents {
  return abs(m.delta);
}

export interface Thresholds {
  /** Smallest |difference| that counts, in cents. */
  minDelta?: Cents;
  /** Smallest |relative difference| that counts, in percent; a line with no base (n.s.) always passes. */
  minPct?: Dec;
}

/** Whether a compared amount moved past the thresholds (an unchanged amount never does). */
export function passes(m: Measure, t: Thresholds): boolean {
  if (m.delta === 0n) return false;
  if (t.minDelta !== undefined && absDelta(m) < t.minDelta) return false;
  if (t.minPct !== undefined && m.pct !== undefined && m.pct.abs().lt(t.minPct)) return false;
  return true;
}

export function sumMeasures(ms: Measure[], present: (side: 'old' | 'new') => boolean): Measure {
  let o = 0n;
  let n = 0n;
  for (const m of ms) {
    o += m.old ?? 0n;
    n += m.new ?? 0n;
  }
  return measure(present('old') ? o : undefined, present('new') ? n : undefined);
}
