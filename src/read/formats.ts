// The readers' registry: file extension (and, for CSV, a sniff of the header) → the reader of that format, loaded on demand.
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { readLedgerCsv } from './csv-ledger.js';
import { planSpecOf, type LedgerReader } from './reader.js';
import { t } from '../messages/index.js';
import { csvNotice } from './csv-notices.js';

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
      const { openLedgerSource } = await import('./ledger-source.js');
      const { chunks, delimiter, decimal, parseAmount, settledBy, fileOffset } = await openLedgerSource(path, displayName, options);
      const plan = planSpecOf(planFor);
      yield* readLedgerCsv(path, {
        planFor,
        displayName,
        // Re-iterable: the reader may read the bytes twice (its repeated-line check, csv-ledger.ts).
        chunks: { [Symbol.iterator]: () => chunks()[Symbol.iterator]() },
        delimiter,
        ...(decimal ? { decimal } : {}),
        parseAmount,
        ...(options?.columns ? { columns: options.columns } : {}),
        ...(options?.fold ? { fold: options.fold } : {}),
        // What a second thread needs to read half of the file the same way (read/csv-parallel.ts).
        ...(fileOffset !== undefined && plan ? { parallel: { offset: fileOffset, plan, ...(settledBy ? { settledBy } : {}) } } : {}),
        ...(options?.handOver ? { handOver: options.handOver } : {}),
        notice: csvNotice,
      });
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
