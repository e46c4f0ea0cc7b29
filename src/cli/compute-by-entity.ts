// `sitiv-ca compute FILE --by entity`: reads a DGFiP balance, prints one line of results per entity and budget.
import { inputFile } from '../read/input-file.js';
import { statSync } from 'node:fs';
import { InputError, UsageError, formatProblem } from '../errors.js';
import { writeOutput } from './output.js';
import { makeProvenance } from '../report/provenance.js';
import { sha256Concurrent } from '../read/dgfip/hash.js';
import { readBalanceFile } from './balance-read.js';
import { balanceBytes, balanceNotes, definitionLayout, type BalanceSummary, type EntityResult } from '../render/balance.js';
import { definitionFigures } from '../compute/balance/definition.js';
import { BALANCE_DEFINITIONS } from '../definitions/balance-slots.js';
import { DEFAULT_DEFINITION } from '../definitions/index.js';
import { t } from '../messages/index.js';
import { balanceFiguresAt } from '../compute/balance/results.js';
import { writeDiagnostic } from '../text/sanitize.js';

export interface ByEntityOptions {
  format?: string;
  output?: string;
  excludeCessions?: boolean;
  allowRejects?: boolean;
  /** ca (the default: the balance's own figures) or a definition the balance can be evaluated under (ofgl, decret-2023). */
  definition?: string;
  compareDefinitions?: boolean;
}

/** Exit code 2 after the results were written: some lines were rejected (listed on stderr). */
export class RejectedLines extends UsageError {
  constructor(count: number) {
    super(t('cli.balanceRejectedExit', { n: count }));
    this.name = 'RejectedLines';
  }
}

/** Progress only for a person watching: stderr a terminal and a file worth waiting for. */
const PROGRESS_FROM = 64 << 20;

export function balanceFormat(opts: ByEntityOptions): 'csv' | 'jsonl' {
  const f = (opts.format ?? (/\.(jsonl|ndjson|json)$/i.test(opts.output ?? '') ? 'jsonl' : 'csv')).toLowerCase();
  if (f === 'csv') return 'csv';
  if (f === 'jsonl' || f === 'json' || f === 'ndjson') return 'jsonl';
  throw new UsageError(t('cli.balanceUnknownFormat', { format: f }));
}

export async function computeByEntity(file: string, opts: ByEntityOptions): Promise<void> {
  const format = balanceFormat(opts);
  if (opts.compareDefinitions) throw new UsageError(t('definitions.compareByEntity'));
  // The default keeps the balance's own columns; a named definition prints its aggregates per entity.
  const named = opts.definition && opts.definition !== DEFAULT_DEFINITION ? BALANCE_DEFINITIONS.find((d) => d.id === opts.definition) : undefined;
  if (opts.definition && opts.definition !== DEFAULT_DEFINITION && !named) {
    throw new UsageError(t('definitions.unknown', { value: opts.definition, names: [DEFAULT_DEFINITION, ...BALANCE_DEFINITIONS.map((d) => d.id)].join(', ') }));
  }
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError({ file, message: t('cli.balanceIsFolder') });
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError({ file, message: t('cli.cannotRead', { reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message }) });
  }
  const hash = sha256Concurrent(file, size);
  // Awaited after the parse; until then a failure must not surface as an unhandled rejection.
  hash.catch(() => undefined);
  const started = Date.now();
  const progress = process.stderr.isTTY === true && size >= PROGRESS_FROM;
  const read = await readBalanceFile(
    file,
    progress
      ? (lines, bytes) => {
          const s = Math.max((Date.now() - started) / 1000, 0.001);
          process.stderr.write(`\r${lines} lines, ${(bytes / 1e6 / s).toFixed(0)} MB/s, ${((100 * bytes) / size).toFixed(0)} %`);
        }
      : undefined,
  );
  if (progress) process.stderr.write('\r\x1b[K');
  const sha256 = await hash;

  if (read.lines - read.rejectedCount === 0) {
    throw new InputError(
      read.rejected.length ? read.rejected : [{ file, message: t('cli.balanceEmpty') }],
    );
  }
  const excludeCessions = opts.excludeCessions ?? false;
  const summary: BalanceSummary = {
    lines: read.lines,
    rejectedLines: read.rejectedCount,
    unattributedRejectedLines: read.unattributed,
    entities: read.table.count,
  };
  const provenance = makeProvenance([inputFile(file, 'balance DGFiP', sha256)], new Map(), {
    by: 'entity',
    excludeCessions,
    definition: named?.id ?? DEFAULT_DEFINITION,
  });
  const plans = new Map<string, { exercice: number; plan: string }>();
  const table = read.table;
  for (let i = 0; i < table.count; i++) {
    const e = table.info(i);
    plans.set(`${e.exer}|${e.plan}`, { exercice: Number(e.exer), plan: e.plan });
  }
  provenance.plans = [...plans.values()].sort((a, b) => a.exercice - b.exercice || (a.plan < b.plan ? -1 : a.plan > b.plan ? 1 : 0));
  const notes = named
    ? [t('definitions.balanceNotice', { id: named.id, label: named.label }), ...(named.id === 'ofgl' ? [t('definitions.ofglNatural')] : []), ...balanceNotes(summary, false).slice(2)]
    : [...balanceNotes(summary, excludeCessions), t('definitions.balanceDefault')];
  function* results(): Generator<EntityResult> {
    // Straight from the table's slots: one short-lived object per output line, none kept.
    for (let i = 0; i < table.count; i++) {
      const entity = table.info(i);
      const figures = balanceFiguresAt(table.sums, i, { excludeCessions });
      yield named ? { entity, figures, definition: definitionFigures(named, table.sums.totals(i), entity.nomen) } : { entity, figures };
    }
  }
  // Streamed: each piece is written as soon as it is made (to stdout, or to the temp file renamed at the end).
  const out = balanceBytes(format, results(), provenance, summary, notes, named ? definitionLayout() : undefined);
  await writeOutput(out, opts.output ? { file: opts.output, inputs: [file] } : { inputs: [file] });

  if (read.rejectedCount > 0) {
    for (const p of read.rejected) writeDiagnostic('error', formatProblem(p));
    if (read.rejectedCount > read.rejected.length) {
      process.stderr.write(t('cli.balanceMoreRejected', { n: read.rejectedCount - read.rejected.length }) + '\n');
    }
    process.stderr.write(t('cli.balanceRejectedOf', { n: read.rejectedCount, lines: read.lines }) + '\n');
    if (!opts.allowRejects) throw new RejectedLines(read.rejectedCount);
  }
}
