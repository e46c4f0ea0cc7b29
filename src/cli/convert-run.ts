// The work of `sitiv-ca convert`, loaded only when the command runs: read a ledger in any dialect, write it in another.
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import type { LedgerRow } from '../model/ledger.js';
import { LedgerTable } from '../model/ledger-table.js';
import { t } from '../messages/index.js';
import { renderLedgerTableCsv } from '../render/ledger-table-csv.js';
import { MAX_SHEET_ROWS, writeLedgerXlsx } from '../render/xlsx-stream.js';
import { encodingOf } from '../read/dialect/encoding.js';
import { OUT_DIALECTS } from '../read/dialect/write-csv.js';
import { sha256Concurrent } from '../read/dgfip/hash.js';
import type { Plan } from '../nomenclature/plan.js';
import { restoreText } from '../sheet/safe-text.js';
import { TOOL } from '../version.js';
import { readOptionsFrom, type DialectOpts } from './dialect-options.js';
import { writeOutput } from './output.js';
import { writeDiagnostic } from '../text/sanitize.js';

export interface ConvertOpts extends DialectOpts {
  nomenclature: string;
  to?: string;
  toEncoding?: string;
}

/**
 * Labels go out as written except for control characters (C0 but tab, line feed and carriage return; DEL; C1): an
 * XLSX cell cannot hold them and a CSV opened in Excel shows them as boxes. They are dropped, and said so by line.
 */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROLS_ALL = new RegExp(CONTROLS.source, 'g');

export async function runConvert(input: string, output: string, opts: ConvertOpts): Promise<void> {
  const readOptions = readOptionsFrom(opts);
  const outExt = output === '-' ? '.csv' : extname(output).toLowerCase();
  if (outExt !== '.csv' && outExt !== '.xlsx') throw new UsageError(`cannot write ${output}: the output must end in .csv or .xlsx`);
  const dialect = OUT_DIALECTS[opts.to ?? 'neutral'];
  if (!dialect) throw new UsageError(`unknown dialect ${opts.to} (known: ${Object.keys(OUT_DIALECTS).join(', ')})`);
  if (opts.to !== undefined && outExt === '.xlsx') throw new UsageError('--to names a CSV dialect: an .xlsx output has none');
  let encoding = dialect.encoding;
  if (opts.toEncoding !== undefined) {
    const e = encodingOf(opts.toEncoding);
    if (!e) throw new UsageError(`unknown encoding ${JSON.stringify(opts.toEncoding)}`);
    encoding = e;
  }
  // The readers load here, not at start-up.
  const [{ planResolver }, { readerFor }] = await Promise.all([import('../read/reader.js'), import('../read/formats.js')]);
  const { isKnownNomenclature, knownDeclinaisons } = await import('../nomenclature/plan.js');
  if (!isKnownNomenclature(opts.nomenclature)) throw new UsageError(t('read.unknownNomenclature', { value: opts.nomenclature, known: `${knownDeclinaisons().join(', ')}, M14` }));
  const reader = await readerFor(input);
  const plans = new Map<number, Plan>();
  const planFor = planResolver(opts.nomenclature, plans);
  // Rows held by column (codes as dictionary ids, cents in typed arrays), free text cleaned as each row comes in.
  const dropped = new Map<string, number[]>();
  const clean = (v: string, file: string, line: number, f: string): string => {
    if (!CONTROLS.test(v)) return restoreText(v);
    const key = `${file}\u0000${f}`;
    const lines = dropped.get(key);
    if (lines) lines.push(line);
    else dropped.set(key, [line]);
    return restoreText(v.replace(CONTROLS_ALL, ''));
  };
  const table = new LedgerTable(clean);
  // The hash for the provenance on a worker thread while the rows are read (a large input); awaited only for a workbook.
  const sha = outExt === '.xlsx' ? sha256Concurrent(input, statSync(input).size) : undefined;
  sha?.catch(() => {});
  // CSV rows come batch by batch as they are read (they die young instead of all living until the end of the file).
  const handOver = (batch: LedgerRow[]) => {
    for (const r of batch) table.push(r);
  };
  // An XLSX ledger fills the table itself (no row object a row); the CSV reader hands its rows over.
  for await (const batch of reader(input, input, planFor, { ...readOptions, handOver, sink: table })) for (const r of batch) table.push(r);
  for (const [key, lines] of dropped) {
    const [file, field] = key.split('\u0000') as [string, string];
    const shown = lines.length > 10 ? `${lines.slice(0, 10).join(', ')}…` : lines.join(', ');
    writeDiagnostic('notice', t('input.controlsDropped', { file, field, n: lines.length, lines: shown }));
  }
  let data: Uint8Array | Uint8Array[];
  if (outExt === '.xlsx') {
    if (table.length >= MAX_SHEET_ROWS) throw new InputError({ file: input, message: t('xlsx.tooManyRows', { n: table.length, max: MAX_SHEET_ROWS - 1 }) });
    const { makeProvenance } = await import('../report/provenance.js');
    const { planLine } = await import('../render/csv.js');
    const planLines = makeProvenance([], plans, {}).plans.map(planLine);
    data = await writeLedgerXlsx(table, [`${TOOL.name} ${TOOL.version} convert`, `input ledger ${input} sha256:${await sha!}`, ...planLines]);
  } else {
    try {
      data = renderLedgerTableCsv(table, { ...dialect, encoding });
    } catch (e) {
      throw new InputError({ file: input, message: `${(e as Error).message}: pass --to-encoding utf-8` });
    }
  }
  await writeOutput(data, { file: output === '-' ? undefined : output, inputs: [input] }, outExt === '.xlsx');
}
