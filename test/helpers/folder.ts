// Builds a throw-away budget folder (manifest + ledger) for a test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
// Registered while the importing test file is collected, so each file removes the folders it made.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = 'sitiv-ca-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export const HEADER = 'budget,exercice,section,sens,chapitre,compte,nature,realise,rar';

export function makeFolder(ledger: string, manifest: Record<string, unknown> = {}, extra: Record<string, string> = {}): string {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      schema: 'sitiv-ca.manifest/1',
      nomenclature: 'M57',
      budgets: [{ id: 'principal', label: 'Budget principal' }],
      ledgers: ['ledger.csv'],
      ...manifest,
    }),
  );
  writeFileSync(join(dir, 'ledger.csv'), ledger);
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}
