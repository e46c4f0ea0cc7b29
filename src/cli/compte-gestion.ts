// `check --compte-gestion BALANCE`: reads the balance once for the whole run; the findings come from check/compte-gestion.ts.
import { statSync } from 'node:fs';
import { compteGestionFindings } from '../check/compte-gestion.js';
import type { Finding } from '../check/types.js';
import type { InputFile, LoadedFolder } from '../model/folder.js';
import { sha256Concurrent } from '../read/dgfip/hash.js';
import { readBalanceFile } from './balance-read.js';

/** Reads the balance once for every folder of a `check` run; its sha256 joins the report's provenance. */
export async function loadCompteGestion(
  file: string,
): Promise<{ input: InputFile; findings: (folder: LoadedFolder, folderPath: string) => Finding[] }> {
  const read = await readBalanceFile(file);
  const sha256 = await sha256Concurrent(file, statSync(file).size);
  return {
    input: { path: file, role: 'compte de gestion (balance DGFiP)', sha256 },
    findings: (folder, folderPath) => compteGestionFindings(folder, read, folderPath),
  };
}
