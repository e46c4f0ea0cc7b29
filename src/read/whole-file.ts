// Whole-file reads for the small inputs of a folder (manifest, ledgers, side tables): synchronous, so one read costs no thread-pool round trips.
import { readFileSync, statSync, type Stats } from 'node:fs';

// Async signatures keep the callers' `.catch(() => { throw new InputError(...) })` shape: a failed read rejects.
export async function readWhole(path: string): Promise<Buffer> {
  return readFileSync(path);
}

export async function readWholeText(path: string): Promise<string> {
  return readFileSync(path, 'utf8');
}

export async function statOf(path: string): Promise<Stats> {
  return statSync(path);
}
