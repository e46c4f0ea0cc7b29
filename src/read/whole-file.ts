// Whole-file reads for the inputs of a folder (manifest, ledgers, side tables): regular files only, under a size bound, synchronous.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { InputError } from '../errors.js';
import { decode } from './dialect/encoding.js';
import { t } from '../messages/index.js';

/** Size bounds: a ledger is large but finite; a manifest or a side table is a few kilobytes. */
export const LEDGER_LIMIT = 2 * 1024 ** 3;
export const SIDE_LIMIT = 10 * 1024 ** 2;

const KIND: [keyof Stats, string][] = [
  ['isDirectory', 'a folder'],
  ['isFIFO', 'a FIFO (named pipe)'],
  ['isCharacterDevice', 'a character device'],
  ['isBlockDevice', 'a block device'],
  ['isSocket', 'a socket'],
];

const human = (n: number) => (n >= 1024 ** 3 ? `${n / 1024 ** 3} GiB` : `${n / 1024 ** 2} MiB`);

/**
 * Checks that `path` is a regular file no larger than `limit` before anything reads it: a FIFO, /dev/zero or a
 * huge file would never end (or end the process), so each is refused at once with the reason.
 */
export function checkReadable(path: string, displayName: string, limit: number): Stats {
  let info: Stats;
  try {
    info = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError({ file: displayName, message: code === 'ENOENT' || code === 'ENOTDIR' ? 'file not found' : `cannot read: ${code ?? (e as Error).message}` });
  }
  for (const [test, what] of KIND) {
    if ((info[test] as () => boolean).call(info)) throw new InputError({ file: displayName, message: t('read.notRegular', { what }) });
  }
  if (info.size > limit) throw new InputError({ file: displayName, message: t('read.tooBig', { size: info.size, limit: human(limit) }) });
  return info;
}

// Async signatures keep the callers' shape: a failed read rejects (with an InputError naming the file).
export async function readWhole(path: string, displayName = path, limit = LEDGER_LIMIT): Promise<Buffer> {
  checkReadable(path, displayName, limit);
  try {
    return readFileSync(path);
  } catch (e) {
    throw new InputError({ file: displayName, message: t('read.cannotRead', { reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message }) });
  }
}

/** A small text input (manifest, side table): UTF-8 with or without BOM, else Windows-1252; never a U+FFFD substituted. */
export async function readWholeText(path: string, displayName = path, limit = SIDE_LIMIT): Promise<string> {
  return decode(await readWhole(path, displayName, limit), displayName).text;
}

export async function statOf(path: string): Promise<Stats> {
  return statSync(path);
}
