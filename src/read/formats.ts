// The readers' registry: file extension (and, for CSV, a sniff of the header) → the reader of that format, loaded on demand.
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { readLedgerCsv } from './csv-ledger.js';
import { planSpecOf, type LedgerReader } from './reader.js';
import { t } from '../messages/index.js';
import { csvNotice } from './csv-notices.js';
import type { LedgerSource } from './ledger-source.js';

/** CSV files with their own layout, told by their header (SCDL budget); checked before the ledger dialects. */
const CSV_SNIFFERS: ((path: string) => Promise<LedgerReader | undefined>)[] = [
  async (path) => ((await (await import('./scdl/sniff.js')).isScdlFile(path)) ? (await import('./scdl/reader.js')).readScdlLedger : undefined),
];

/** Readers by file extension; heavy ones (XLSX, XML) are imported only when such a file is read. */
const READERS: Record<string, () => Promise<LedgerReader>> = {
  '.csv': async () =>
    async function* (path, displayName, planFor, options, context) {
      for (const sniff of CSV_SNIFFERS) {
        const special = await sniff(path);
        if (special) return yield* special(path, displayName, planFor, options, context);
      }
      // The dialect (encoding, delimiter, decimal mark) is detected per file unless forced.
      const { openLedgerSource, NotUtf8 } = await import('./ledger-source.js');
      const plan = planSpecOf(planFor);
      const read = (source: LedgerSource) =>
        readLedgerCsv(path, {
          planFor,
          displayName,
          // Re-iterable: the reader may read the bytes twice (its repeated-line check, csv-ledger.ts).
          chunks: { [Symbol.iterator]: () => source.chunks()[Symbol.iterator]() },
          delimiter: source.delimiter,
          ...(source.decimal ? { decimal: source.decimal } : {}),
          parseAmount: source.parseAmount,
          ...(options?.columns ? { columns: options.columns } : {}),
          ...(options?.fold ? { fold: options.fold } : {}),
          // What a second thread needs to read half of the file the same way (read/csv-parallel.ts).
          ...(source.fileOffset !== undefined && plan ? { parallel: { offset: source.fileOffset, plan, ...(source.settledBy ? { settledBy: source.settledBy } : {}) } } : {}),
          ...(options?.handOver ? { handOver: options.handOver } : {}),
          ...(options?.sink ? { sink: options.sink } : {}),
          notice: csvNotice,
        });
      try {
        yield* read(await openLedgerSource(path, displayName, options));
      } catch (e) {
        // A byte that is not UTF-8 past the start (checked as read, by a folding read): the file decoded whole, read
        // again. Nothing was handed over yet: a folding read yields its rows once the file is read.
        if (!(e instanceof NotUtf8)) throw e;
        yield* read(await openLedgerSource(path, displayName, { ...options, decodeWhole: true }));
      }
    },
  '.xlsx': async () => (await import('./xlsx-ledger.js')).readLedgerXlsx,
  '.xml': async () => (await import('./totem/reader.js')).readTotemLedger,
};

export function registerReader(ext: string, load: () => Promise<LedgerReader>): void {
  READERS[ext] = load;
}

export async function readerFor(path: string): Promise<LedgerReader> {
  const load = READERS[extname(path).toLowerCase()];
  if (!load) throw new InputError({ file: path, message: t('read.noReader', { ext: extname(path) || t('read.noExtension'), known: Object.keys(READERS).join(', ') }) });
  return load();
}
