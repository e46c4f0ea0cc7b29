// Writes a command's output: stdout, or a file written beside its target and renamed in (never half-written).
import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { t } from '../messages/index.js';

export interface OutputTarget {
  /** -o FILE; undefined for stdout. */
  file?: string;
  /** Inputs of the run: the output may not overwrite any of them. */
  inputs: string[];
}

export async function writeOutput(data: string | Uint8Array, target: OutputTarget, binary = false): Promise<void> {
  if (!target.file) {
    if (binary && process.stdout.isTTY) throw new UsageError(t('cli.binaryToTerminalAny'));
    await new Promise<void>((ok, fail) => process.stdout.write(data, (e) => (e ? fail(e) : ok())));
    return;
  }
  const out = resolve(target.file);
  if (target.inputs.some((i) => resolve(i) === out)) {
    throw new UsageError(t('cli.outputIsInput', { file: target.file }));
  }
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, out);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw new UsageError(t('cli.cannotWrite', { file: target.file, reason: (e as Error).message }));
  }
}

/** Colour only for humans: a terminal, no NO_COLOR, not a machine format. */
export function useColor(format: string): boolean {
  return format === 'table' && process.stdout.isTTY === true && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}
