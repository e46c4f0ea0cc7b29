// `check --compte-gestion BALANCE`: reads the balance once for the whole run; the findings come from check/compte-gestion.ts.
import { inputFile } from '../read/input-file.js';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import { compteGestionFindings } from '../check/compte-gestion.js';
import type { Finding } from '../check/types.js';
import type { InputFile, LoadedFolder } from '../model/folder.js';
import { sha256Concurrent } from '../read/dgfip/hash.js';
import { readBalanceFile } from './balance-read.js';

/** Reads the balance once for every folder of a `check` run; its sha256 joins the report's provenance. */
export async function loadCompteGestion(
  file: string,
): Promise<{ input: InputFile; findings: (folder: LoadedFolder, folderPath: string) => Finding[] }> {
  refuseNonBalance(file);
  const read = await readBalanceFile(file);
  // A compte de gestion that yields no balance line is not one: exit 2, not a warning per folder.
  if (read.lines === 0 || read.rejectedCount === read.lines) {
    throw new InputError([
      { file, message: read.lines === 0 ? 'not a DGFiP balance: it holds no line after its header' : `not a DGFiP balance: none of its ${read.lines} lines is a balance line` },
      ...read.rejected.slice(0, 5),
    ]);
  }
  const sha256 = await sha256Concurrent(file, statSync(file).size);
  return {
    input: inputFile(file, 'compte de gestion (balance DGFiP)', sha256),
    findings: (folder, folderPath) => compteGestionFindings(folder, read, folderPath),
  };
}

/** An empty or binary file is refused before the balance reader sees it. */
function refuseNonBalance(file: string): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new InputError({ file, message: 'file not found (--compte-gestion)' });
  }
  if (size === 0) throw new InputError({ file, message: 'empty file: not a DGFiP balance (--compte-gestion)' });
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(4096, size));
    readSync(fd, head, 0, head.length, 0);
    if (head.includes(0)) throw new InputError({ file, line: 1, message: 'binary file (NUL bytes): not a DGFiP balance (--compte-gestion)' });
  } finally {
    closeSync(fd);
  }
}
