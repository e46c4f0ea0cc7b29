// Reading overrides a user may force when detection is not wanted: delimiter, decimal mark, encoding, sheet.
import type { DecimalMark } from './amount.js';
import type { Encoding } from './encoding.js';

export interface ReadOptions {
  delimiter?: string;
  decimal?: DecimalMark;
  encoding?: Encoding;
  /** Worksheet of an XLSX ledger (default: the first). */
  sheet?: string;
}

export const DELIMITERS = [';', ',', '\t', '|'] as const;
