// `sitiv-ca compute FILE --by entity`: reads a DGFiP balance, prints one line of results per entity and budget.
import { statSync } from 'node:fs';
import { InputError, UsageError, formatProblem } from '../errors.js';
import { writeOutput } from './output.js';
import { makeProvenance } from '../report/provenance.js';
import { sha256Concurrent } from '../read/dgfip/hash.js';
import { readBalanceFile } from './balance-read.js';
import { balanceNotes, renderBalance, type BalanceSummary, type EntityResult } from '../render/balance.js';
import { balanceFigures } from '../compute/balance/results.js';
import { writeDiagnostic } from '../text/sanitize.js';

export interface ByEntityOptions {
  format?: string;
  output?: string;
  excludeCessions?: boolean;
  allowRejects?: boolean;
}

/** Exit code 2 after the results were written: some lines were rejected (listed on stderr). */
export class RejectedLines extends UsageError {
  constructor(count: number) {
    super(`${count} line(s) of the balance rejected (listed above); results written for the rest; use --allow-rejects to accept them`);
    this.name = 'RejectedLines';
  }
}

/** Progress only for a person watching: stderr a terminal and a file worth waiting for. */
const PROGRESS_FROM = 64 << 20;

export function balanceFormat(opts: ByEntityOptions): 'csv' | 'jsonl' {
  const f = (opts.format ?? (/\.(jsonl|ndjson|json)$/i.test(opts.output ?? '') ? 'jsonl' : 'csv')).toLowerCase();
  if (f === 'csv') return 'csv';
  if (f === 'jsonl' || f === 'json' || f === 'ndjson') return 'jsonl';
  throw new UsageError(`unknown format ${f} for --by entity (csv, jsonl or json)`);
}

export async function computeByEntity(file: string, opts: ByEntityOptions): Promise<void> {
  const format = balanceFormat(opts);
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError({ file, message: 'is a folder, expected a DGFiP balance file' });
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError({ file, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
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
      read.rejected.length ? read.rejected : [{ file, message: 'no data line: the balance is empty' }],
    );
  }
  const excludeCessions = opts.excludeCessions ?? false;
  const summary: BalanceSummary = {
    lines: read.lines,
    rejectedLines: read.rejectedCount,
    unattributedRejectedLines: read.unattributed,
    entities: read.entities.length,
  };
  const provenance = makeProvenance([{ path: file, role: 'balance DGFiP', sha256 }], new Map(), {
    by: 'entity',
    excludeCessions,
  });
  const plans = new Map<string, { exercice: number; plan: string }>();
  for (const e of read.entities) plans.set(`${e.exer}|${e.plan}`, { exercice: Number(e.exer), plan: e.plan });
  provenance.plans = [...plans.values()].sort((a, b) => a.exercice - b.exercice || (a.plan < b.plan ? -1 : a.plan > b.plan ? 1 : 0));
  const notes = balanceNotes(summary, excludeCessions);
  function* results(): Generator<EntityResult> {
    for (const { sums, ...entity } of read.entities) {
      yield { entity, figures: balanceFigures(sums, { excludeCessions }) };
    }
  }
  const out = renderBalance(format, results(), provenance, summary, notes);
  if (opts.output) await writeOutput(out.bytes(), { file: opts.output, inputs: [file] });
  else for (const slice of out.slices()) await writeOutput(slice, { inputs: [file] });

  if (read.rejectedCount > 0) {
    for (const p of read.rejected) writeDiagnostic('error', formatProblem(p));
    if (read.rejectedCount > read.rejected.length) {
      process.stderr.write(`… and ${read.rejectedCount - read.rejected.length} more rejected line(s)\n`);
    }
    process.stderr.write(`${read.rejectedCount} of ${read.lines} line(s) rejected\n`);
    if (!opts.allowRejects) throw new RejectedLines(read.rejectedCount);
  }
}
