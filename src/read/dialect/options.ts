// Reading overrides a user may force when detection is not wanted: delimiter, decimal mark, encoding, sheet.
import type { DecimalMark } from './amount.js';
import type { Encoding } from './encoding.js';
import type { LedgerRow } from '../../model/ledger.js';
import type { LedgerSink } from '../../model/ledger-sink.js';

export interface ReadOptions {
  delimiter?: string;
  decimal?: DecimalMark;
  encoding?: Encoding;
  /** Worksheet of an XLSX ledger (default: the first). */
  sheet?: string;
  /** Column names no synonym covers (`--columns map.json`, manifest `columns`): their name → ledger column. */
  columns?: Record<string, string>;
  /** Hand rows of one combination over as one summed row (compute, check, diff); see csv-ledger.ts. */
  fold?: { budgets?: ReadonlySet<string> };
  /** Unfolded CSV rows handed to this batch by batch as they are read, not yielded at the end (convert); see csv-ledger.ts. */
  handOver?: (rows: LedgerRow[]) => void;
  /** Where a ledger's rows go, in order, instead of being yielded (convert's column table); see csv-ledger.ts, xlsx-ledger.ts. */
  sink?: LedgerSink;
}

export const DELIMITERS = [';', ',', '\t', '|'] as const;
