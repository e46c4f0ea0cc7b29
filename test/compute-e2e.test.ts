// End-to-end runs of `compute` on the SITIV 2022 fixtures: exit code, stdout, stderr, formats, provenance, safe output.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { tempDir } from './helpers/folder.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './helpers/run.js';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('compute fixtures/sitiv-2022', () => {
  it('prints the report tables in French format, no colour when not a terminal, nothing on stderr', () => {
    const r = run(['compute', 'fixtures/sitiv-2022'], { env: { NO_COLOR: '' } });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stdout).toMatch(/│ Fonctionnement — résultat de l'exercice 2022\s+│ 3 329 960,40 │ 3 202 777,11 │  127 183,29 │/);
    expect(r.stdout).toMatch(/│ Affectation en réserves, compte 1068 \(investissement\) │ +82 640,45 │/);
    expect(r.stdout).toMatch(/│ Excédent de fonctionnement reporté, R002 +│ +358 573,56 │/);
    expect(r.stdout).toMatch(/│ Ville de Lyon +│ 29 070,00 │ 30,6 % │/);
    expect(r.stdout).toContain('# plan de comptes 2022: M57-M57-2022');
    expect(r.stdout).toContain(`# input ledger fixtures/sitiv-2022/principal.csv sha256:${sha('fixtures/sitiv-2022/principal.csv')}`);
  });

  it('--locale en', () => {
    const r = run(['compute', 'fixtures/sitiv-2022', '--locale', 'en']);
    expect(r.stdout).toContain('3,329,960.40');
    expect(r.stdout).toContain('30.6%');
  });

  it('JSON: schema, provenance with sha256, plan, options; amounts as plain strings', () => {
    const r = run(['compute', 'fixtures/sitiv-2022', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.schema).toBe('sitiv-ca.compute/1');
    expect(j.provenance.tool.name).toBe('sitiv-ca');
    expect(j.provenance.plans).toEqual([{ exercice: 2022, plan: 'M57-M57-2022', rule: 'own-year' }]);
    expect(j.provenance.options).toEqual({ excludeCessions: false, definition: 'ca' });
    const ledger = j.provenance.inputs.find((i: { path: string }) => i.path === 'fixtures/sitiv-2022/tno.csv');
    expect(ledger.sha256).toBe(sha('fixtures/sitiv-2022/tno.csv'));
    for (const [id, v] of Object.entries(j.figures as Record<string, string | null>)) {
      if (v === null) continue;
      if (id.endsWith('.part') || id.endsWith('.taux') || /\.capacite\.(ratio|plafond)\.valeur$/.test(id)) expect(v, id).toMatch(/^-?\d+\.\d$/);
      // Ratios: per-inhabitant amounts (cents), percentages and years (one decimal).
      else if (/\.ratios\.[^.]+\.valeur$/.test(id)) expect(v, id).toMatch(/^-?\d+\.\d{1,2}$/);
      else expect(v, id).toMatch(/^-?\d+\.\d{2}$/);
    }
  });

  it('JSON is reproducible: two runs print the same bytes', () => {
    expect(run(['compute', 'fixtures/sitiv-2022', '--format', 'json']).stdout).toBe(
      run(['compute', 'fixtures/sitiv-2022', '--format', 'json']).stdout,
    );
  });

  it('CSV: one line per figure with its id, plain amounts, provenance lines', () => {
    const r = run(['compute', 'fixtures/sitiv-2022', '--format', 'csv']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,table,ligne,colonne,libelle,valeur,raison');
    expect(lines).toContain('principal.2022.affectation.1068.montant,principal.2022.affectation,1068,montant,"Affectation en réserves, compte 1068 (investissement)",82640.45,');
    expect(lines.some((l) => l.startsWith('provenance,') && l.includes('M57-M57-2022'))).toBe(true);
  });

  it('-o writes the file (format from the extension), atomically, leaving no temporary file', () => {
    const dir = tempDir('sitiv-out-');
    const out = join(dir, 'ca.json');
    const r = run(['compute', 'fixtures/sitiv-2022', '-o', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).figures['TNO.2022.affectation.1068.montant']).toBe('1046426.44');
    expect(readdirSync(dir)).toEqual(['ca.json']);
  });

  it('never modifies its inputs', () => {
    const before = ['manifest.json', 'principal.csv', 'tno.csv', 'cofinancement.csv'].map((f) => sha(join('fixtures/sitiv-2022', f)));
    run(['compute', 'fixtures/sitiv-2022', '--format', 'csv']);
    const after = ['manifest.json', 'principal.csv', 'tno.csv', 'cofinancement.csv'].map((f) => sha(join('fixtures/sitiv-2022', f)));
    expect(after).toEqual(before);
  });
});
