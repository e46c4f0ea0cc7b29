// Writes a command's output: stdout, or a file written beside its target, fsynced and renamed in (never half-written, never an input).
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { t } from '../messages/index.js';

export interface OutputTarget {
  /** -o FILE; undefined for stdout. */
  file?: string;
  /** Inputs of the run: the output may not overwrite any of them. */
  inputs: string[];
}

/** Bytes written to a temp file before the event loop gets a turn (and a pending SIGINT / SIGTERM its handler). */
const CHUNK = 4 << 20;

/** Temp files being written: removed on SIGINT / SIGTERM as on every error path. */
const pending = new Set<string>();
let handlersInstalled = false;

function installSignalCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      for (const tmp of pending) {
        try {
          unlinkSync(tmp);
        } catch {
          // already gone
        }
      }
      process.exit(code);
    });
  }
}

const statOrUndefined = (p: string, follow = true): Stats | undefined => {
  try {
    return follow ? statSync(p) : lstatSync(p);
  } catch {
    return undefined;
  }
};

/** Real path of a file that may not exist yet: the real path of its folder, plus its name. */
function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** Where -o FILE really writes: through a symlink (even a dangling one) to the file it names, never replacing the link. */
function followLinks(path: string): string {
  let p = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    const l = statOrUndefined(p, false);
    if (!l?.isSymbolicLink()) return p;
    p = resolve(dirname(p), readlinkSync(p));
  }
  throw new UsageError(t('cli.cannotWrite', { file: path, reason: t('cli.outputLinkLoop') }));
}

function refuseInputs(target: string, inputs: string[], shown: string): void {
  const real = realTarget(target);
  const info = statOrUndefined(target);
  for (const input of inputs) {
    const inInfo = statOrUndefined(input);
    const sameInode = info && inInfo && info.dev === inInfo.dev && info.ino === inInfo.ino;
    if (resolve(input) === resolve(target) || realTarget(input) === real || sameInode) {
      throw new UsageError(t('cli.outputIsInputNamed', { file: shown, input }));
    }
  }
}

/**
 * `data` may also be pieces made as they are written (an iterable of bytes): a large output then never sits whole
 * in memory, to stdout as to the temp file.
 */
export async function writeOutput(data: string | Uint8Array | Iterable<Uint8Array>, target: OutputTarget, binary = false): Promise<void> {
  if (!target.file) {
    if (binary && process.stdout.isTTY) throw new UsageError(t('cli.binaryToTerminalAny'));
    for (const piece of typeof data === 'string' || data instanceof Uint8Array ? [data] : data) {
      await new Promise<void>((ok, fail) => process.stdout.write(piece, (e) => (e ? fail(e) : ok())));
    }
    return;
  }
  const shown = target.file;
  const out = followLinks(target.file);
  refuseInputs(out, target.inputs, shown);
  const pieces: Iterable<Uint8Array> = typeof data === 'string' ? [Buffer.from(data, 'utf8')] : data instanceof Uint8Array ? [data] : data;
  const info = statOrUndefined(out);
  if (info?.isSocket()) throw new UsageError(t('cli.cannotWrite', { file: shown, reason: t('cli.outputSocket') }));
  if (info?.isDirectory()) throw new UsageError(t('cli.cannotWrite', { file: shown, reason: t('cli.outputFolder') }));
  if (info && (info.isFIFO() || info.isCharacterDevice())) {
    // /dev/stdout, /dev/null, a named pipe: written to directly (a rename would replace the device node).
    let fd: number | undefined;
    try {
      fd = openSync(out, 'w');
      for (const bytes of pieces) for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') return;
      throw new UsageError(t('cli.cannotWrite', { file: shown, reason: (e as Error).message }));
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    return;
  }
  installSignalCleanup();
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pending.add(tmp);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', info ? info.mode & 0o777 : 0o666);
    for (const bytes of pieces) {
      for (let off = 0; off < bytes.length; ) {
        off += writeSync(fd, bytes, off, Math.min(CHUNK, bytes.length - off));
        // A signal is handled between chunks (its handler removes the temp file); a synchronous loop would defer it past the rename.
        if (off < bytes.length) await new Promise<void>((ok) => setImmediate(ok));
      }
    }
    // On disk before it takes the target's name: a crash never leaves an empty file in its place.
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, out);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // never created, or already renamed
    }
    throw new UsageError(t('cli.cannotWrite', { file: shown, reason: (e as Error).message }));
  } finally {
    pending.delete(tmp);
  }
}

/** Colour only for humans: a terminal, no NO_COLOR, not a machine format. */
export function useColor(format: string): boolean {
  return format === 'table' && process.stdout.isTTY === true && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}
