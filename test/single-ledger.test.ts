// A single ledger works without a folder (issue 15 item 5): the defaults, the notice that lists them, the overrides; manifest errors at LINE:COL with the key.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateJson } from '../src/read/json-locate.js';
import { HEADER, tempDir } from './helpers/folder.js';
import { run } from './helpers/run.js';

const LEDGER = `${HEADER}\nprincipal,2023,F,R,70,,reel,1000.00,\nprincipal,2023,F,D,011,,reel,600.00,\nprincipal,2023,I,D,21,,reel,300.00,120.00\neau,2023,F,D,011,,reel,50.00,\n`;

describe('compute LEDGER.csv / LEDGER.xlsx without a folder', () => {
  const dir = tempDir();
  const csv = join(dir, 'ledger.csv');
  writeFileSync(csv, LEDGER);

  it('computes with M57, one budget per budget value, and says so in one notice', () => {
    const r = run(['compute', csv, '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const j = JSON.parse(r.stdout);
    // Hand-computed: principal F 1000 − 600 = 400; I −300 with RAR 120 → global 400 − 300 − 120 = −20.
    expect(j.figures['principal.2023.execution.fonctionnement-exercice.solde']).toBe('400.00');
    expect(j.figures['principal.2023.execution.global.solde']).toBe('-20.00');
    expect(j.figures['eau.2023.execution.fonctionnement-exercice.solde']).toBe('-50.00');
    expect(j.provenance.plans[0].plan).toMatch(/^M57-/);
    expect(j.entity).toBeUndefined();
    const notices = r.stderr.trimEnd().split('\n');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toBe(
      `notice: ${csv}: read without a folder or manifest.json, assuming: plan de comptes M57 (the default; --nomenclature to change) for the exercices 2023; one budget per budget value (principal, eau), labelled by it; entity unnamed (--entite NAME to name it). sitiv-ca init DIR writes a manifest to change them`,
    );
  });

  it('--entite names the entity and --nomenclature the plan', () => {
    const r = run(['compute', csv, '--format', 'json', '--entite', 'Commune de Test', '--nomenclature', 'M57_A']);
    expect(r.exitCode).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.entity).toBe('Commune de Test');
    expect(j.provenance.plans[0].plan).toMatch(/M57_A/);
    expect(r.stderr).toContain('plan de comptes M57_A for the exercices 2023');
    expect(r.stderr).toContain('entity "Commune de Test"');
  });

  it('reads the same ledger as XLSX, with the same figures', () => {
    const xlsx = join(dir, 'ledger.xlsx');
    expect(run(['convert', csv, xlsx]).exitCode).toBe(0);
    const j = JSON.parse(run(['compute', xlsx, '--format', 'json']).stdout);
    expect(j.figures['principal.2023.execution.global.solde']).toBe('-20.00');
  });

  it('speaks French under LANG=fr', () => {
    const r = run(['compute', csv, '--table', 'execution'], { env: { LANG: 'fr_FR.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
    expect(r.stderr).toMatch(/^remarque : .*lu sans dossier ni manifest\.json, en supposant : plan de comptes M57 \(par défaut/);
    expect(r.stdout).toContain('# entrée ledger (ledger)');
  });
});

describe('a hand-written manifest', () => {
  it('names manifest.json:LINE:COL and the key of a schema error', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ledger.csv'), LEDGER);
    writeFileSync(
      join(dir, 'manifest.json'),
      '{\n  "schema": "sitiv-ca.manifest/1",\n  "nomenclature": "M57",\n  "budgets": [\n    { "id": 12, "label": "Budget principal" }\n  ],\n  "ledgers": ["ledger.csv"]\n}\n',
    );
    const r = run(['compute', dir]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: ${join(dir, 'manifest.json')}:5:7: budgets.0.id: Expected string, received number\n1 problem in the input; nothing written\n`);
  });
  it('locates keys and items', () => {
    const at = locateJson('{\n  "a": [1, {"b": "x\\"y"}],\n  "c": {}\n}');
    expect(at.get('a')).toEqual({ line: 2, column: 3 });
    expect(at.get('a.1')).toEqual({ line: 2, column: 12 });
    expect(at.get('a.1.b')).toEqual({ line: 2, column: 13 });
    expect(at.get('c')).toEqual({ line: 3, column: 3 });
  });
});
