// An input as provenance names it: the path relative to the working directory (so two runs from the same place print the same), its role, its sha256.
import { relative } from 'node:path';
import type { InputFile } from '../model/folder.js';

export function inputFile(path: string, role: string, sha256: string): InputFile {
  return { path: relative(process.cwd(), path) || path, role, sha256 };
}
