// Loads a folder and runs one check on it, as `sitiv-ca check` would, for the check tests.
import type { Check, CheckOptions, Finding } from '../../src/check/types.js';
import { buildContext } from '../../src/check/context.js';
import { loadFolder } from '../../src/read/folder.js';

export async function contextOf(dir: string, options: Partial<CheckOptions> = {}) {
  return buildContext(dir, await loadFolder(dir), options);
}

export async function runOn(check: Check, dir: string, options: Partial<CheckOptions> = {}): Promise<Finding[]> {
  return check.run(await contextOf(dir, options));
}

/** The ledger header with the optional columns the check tests use. */
export const LEDGER = 'budget,exercice,section,sens,chapitre,compte,nature,realise,rar,credits_ouverts,rar_precedent';

/** Two exercices that follow each other exactly: 2021 closes F +400, I −200, RAR 50 → besoin 250, 1068 250, R002 150, D001 200. */
export function twoYears(over: { r002?: string; d001?: string; c1068?: string | null; rarPrecedent?: string } = {}): string {
  const lines = [
    LEDGER,
    'principal,2021,F,R,74,,reel,1000.00,,,',
    'principal,2021,F,D,011,,reel,600.00,,,',
    'principal,2021,I,R,16,,reel,100.00,,,',
    'principal,2021,I,D,21,,reel,300.00,50.00,,',
    `principal,2022,F,R,002,,,${over.r002 ?? '150.00'},,,`,
    `principal,2022,I,D,001,,,${over.d001 ?? '200.00'},,,`,
    'principal,2022,F,R,74,,reel,1000.00,,,',
    'principal,2022,F,D,011,,reel,700.00,,,',
    `principal,2022,I,D,21,,reel,100.00,,,${over.rarPrecedent ?? ''}`,
  ];
  if (over.c1068 !== null) lines.push(`principal,2022,I,R,10,1068,reel,${over.c1068 ?? '250.00'},,,`);
  return lines.join('\n') + '\n';
}
