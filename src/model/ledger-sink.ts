// What a reader fills instead of yielding rows when the caller holds them by column (convert): no object a row.
import type { LedgerRow } from './ledger.js';

/** A validated combination: the key fields a run of rows shares. */
export interface LedgerKey {
  budget: string;
  exercice: number;
  section: LedgerRow['section'];
  sens: LedgerRow['sens'];
  chapitre: string;
  compte: string;
  nature: LedgerRow['nature'];
}

/**
 * Rows in file order, each through one of two doors. `keyed`: a row of a combination `key` returned, its amounts as
 * integer cents held exactly in doubles (|c| < 2^53; NaN: absent, which réalisé and RAR never are), its free text
 * absent when undefined. `push`: any other row (a first spelling, a section total, an amount past 2^53).
 */
export interface LedgerSink {
  key(k: LedgerKey): number;
  keyed(
    key: number,
    realise: number,
    rar: number,
    creditsOuverts: number,
    rarPrecedent: number,
    fonction: string | undefined,
    operation: string | undefined,
    libelle: string | undefined,
    file: string,
    line: number,
  ): void;
  push(r: LedgerRow): void;
}
