// The work of `sitiv-ca convert`, loaded only when the command runs: read a ledger in any dialect, write it in another.
import { extname } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { LedgerTable } from '../model/ledger-table.js';
import { t } from '../messages/index.js';
import { renderLedgerTableCsv } from '../render/ledger-table-csv.js';
import { MAX_SHEET_ROWS, writeLedgerXlsx } from '../render/xlsx-stream.js';
import { encodingOf } from '../read/dialect/encoding.js';
import { OUT_DIALECTS } from '../read/dialect/write-csv.js';
import { sha256File } from '../read/hash.js';
import type { Plan } from '../nomenclature/plan.js';
import { restoreText } from '../sheet/safe-text.js';
import { TOOL } from '../version.js';
import { readOptionsFrom, type DialectOpts } from './dialect-options.js';
import { writeOutput } from './output.js';

export interface ConvertOpts extends DialectOpts {
  nomenclature: string;
  to?: string;
  toEncoding?: string;
}

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
  const reader = await readerFor(input);
  const plans = new Map<number, Plan>();
  const planFor = planResolver(opts.nomenclature, plans);
  // Rows held by column (ids into dictionaries, cents in typed arrays): 1 M rows in about 70 MB, not 400.
  const table = new LedgerTable(restoreText);
  for await (const batch of reader(input, input, planFor, readOptions)) for (const r of batch) table.push(r);
  let data: Uint8Array | Uint8Array[];
  if (outExt === '.xlsx') {
    if (table.length >= MAX_SHEET_ROWS) throw new InputError({ file: input, message: t('xlsx.tooManyRows', { n: table.length, max: MAX_SHEET_ROWS - 1 }) });
    const sha = await sha256File(input);
    const { makeProvenance } = await import('../report/provenance.js');
    const { planLine } = await import('../render/csv.js');
    const planLines = makeProvenance([], plans, {}).plans.map(planLine);
    data = await writeLedgerXlsx(table, [`${TOOL.name} ${TOOL.version} convert`, `input ledger ${input} sha256:${sha}`, ...planLines]);
  } else {
    try {
      data = renderLedgerTableCsv(table, { ...dialect, encoding });
    } catch (e) {
      throw new InputError({ file: input, message: `${(e as Error).message}: pass --to-encoding utf-8` });
    }
  }
  await writeOutput(data, { file: output === '-' ? undefined : output, inputs: [input] }, outExt === '.xlsx');
}
