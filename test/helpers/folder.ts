// Builds a throw-away budget folder (manifest + ledger) for a test.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HEADER = 'budget,exercice,section,sens,chapitre,compte,nature,realise,rar';

export function makeFolder(ledger: string, manifest: Record<string, unknown> = {}, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitiv-ca-'));
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
