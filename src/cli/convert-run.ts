// The work of `sitiv-ca convert`, loaded only when the command runs: read a ledger in any dialect, write it in another.
import { extname } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import type { LedgerRow } from '../model/ledger.js';
import { encodingOf } from '../read/dialect/encoding.js';
import { ledgerColumns, ledgerValue, OUT_DIALECTS, renderLedgerCsv } from '../read/dialect/write-csv.js';
import { sha256File } from '../read/hash.js';
import type { Plan } from '../nomenclature/plan.js';
import { restoreText } from '../sheet/safe-text.js';
import { TOOL } from '../version.js';
import { readOptionsFrom, type DialectOpts } from './dialect-options.js';
import { writeOutput } from './output.js';
import { t } from '../messages/index.js';
import { writeDiagnostic } from '../text/sanitize.js';

export interface ConvertOpts extends DialectOpts {
  nomenclature: string;
  to?: string;
  toEncoding?: string;
}

const TEXT_FIELDS = ['libelle', 'fonction', 'operation'] as const;

/**
 * Labels go out as written except for control characters (C0 but tab, line feed and carriage return; DEL; C1): an
 * XLSX cell cannot hold them and a CSV opened in Excel shows them as boxes. They are dropped, and said so by line.
 */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const withoutControls = (v: string) => v.replace(CONTROLS, '');

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
  const rows: LedgerRow[] = [];
  for await (const batch of reader(input, input, planFor, readOptions)) rows.push(...batch);
  const dropped = new Map<string, number[]>();
  for (const r of rows) {
    for (const f of TEXT_FIELDS) {
      if (r[f] === undefined) continue;
      const kept = withoutControls(r[f]!);
      if (kept !== r[f]) {
        const key = `${r.file}\u0000${f}`;
        dropped.set(key, [...(dropped.get(key) ?? []), r.line]);
      }
      r[f] = restoreText(kept);
    }
  }
  for (const [key, lines] of dropped) {
    const [file, field] = key.split('\u0000') as [string, string];
    const shown = lines.length > 10 ? `${lines.slice(0, 10).join(', ')}…` : lines.join(', ');
    writeDiagnostic('notice', t('input.controlsDropped', { file, field, n: lines.length, lines: shown }));
  }
  let data: Uint8Array;
  if (outExt === '.xlsx') {
    const { renderLedgerXlsx } = await import('../render/xlsx.js');
    const columns = ledgerColumns(rows);
    const sha = await sha256File(input);
    const { makeProvenance } = await import('../report/provenance.js');
    const { planLine } = await import('../render/csv.js');
    const planLines = makeProvenance([], plans, {}).plans.map(planLine);
    data = await renderLedgerXlsx(
      columns,
      rows.map((r) => columns.map((c) => ledgerValue(r, c))),
      [`${TOOL.name} ${TOOL.version} convert`, `input ledger ${input} sha256:${sha}`, ...planLines],
    );
  } else {
    try {
      data = renderLedgerCsv(rows, { ...dialect, encoding });
    } catch (e) {
      throw new InputError({ file: input, message: `${(e as Error).message}: pass --to-encoding utf-8` });
    }
  }
  await writeOutput(data, { file: output === '-' ? undefined : output, inputs: [input] }, outExt === '.xlsx');
}
