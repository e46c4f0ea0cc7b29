// The error catalogue of ledger input: each bad input gives exit 2, a message naming file, line, column and value, and no output.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEADER, makeFolder } from './helpers/folder.js';
import { run } from './helpers/run.js';

const ok = 'principal,2022,F,D,011,,reel,100.00,';

function expectError(ledger: string, pattern: RegExp | string, manifest: Record<string, unknown> = {}) {
  const dir = makeFolder(ledger, manifest);
  const out = join(dir, 'out.json');
  const r = run(['compute', dir, '-o', out]);
  expect(r.exitCode).toBe(2);
  expect(r.stdout).toBe('');
  if (typeof pattern === 'string') expect(r.stderr).toContain(pattern);
  else expect(r.stderr).toMatch(pattern);
  expect(existsSync(out)).toBe(false);
  return { dir, stderr: r.stderr };
}

describe('ledger input errors (exit 2, nothing written)', () => {
  it('missing column', () => {
    const { dir } = expectError('budget,exercice,section,sens,chapitre,compte,nature,realise\n' + ok, 'missing column rar');
    expect(run(['compute', dir]).stderr).toContain(`${join(dir, 'ledger.csv')}:1:9: missing column rar`);
  });

  // Issue 15 changed these two on purpose: an unknown column is ignored with a notice, and columns come in any order.
  it('unknown column: ignored, with a notice', () => {
    const dir = makeFolder(`${HEADER},montant\n${ok},1`);
    const r = run(['compute', dir, '--format', 'json']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`notice: ${join(dir, 'ledger.csv')}: column "montant" ignored`);
    expect(JSON.parse(r.stdout).figures['principal.2022.execution.fonctionnement-exercice.depenses']).toBe('100.00');
  });

  it('columns in another order', () => {
    const dir = makeFolder('budget,exercice,sens,section,chapitre,compte,nature,realise,rar\nprincipal,2022,D,F,011,,reel,100.00,');
    const r = run(['compute', dir, '--format', 'json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).figures['principal.2022.execution.fonctionnement-exercice.depenses']).toBe('100.00');
  });

  it('a column given twice', () => {
    expectError(`${HEADER},realise\n${ok},1`, /ledger\.csv:1:10: column realise given twice \(columns 8 "realise" and 10 "realise"\)/);
  });

  it('unknown chapter', () => {
    expectError(`${HEADER}\nprincipal,2022,F,D,099,,reel,1.00,`, /ledger\.csv:2:5 \(chapitre\): unknown chapter 099 in plan M57-M57-2022 \(value: "099"\)/);
  });

  it('an opération pour compte de tiers (4581 + operation number) is its parent chapter, not unknown', () => {
    const dir = makeFolder(`${HEADER}\nprincipal,2022,I,D,4581001,,reel,10.00,\nprincipal,2022,I,R,4582001,,reel,10.00,`);
    const r = run(['compute', dir, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).figures['principal.2022.execution.investissement-exercice.solde']).toBe('0.00');
  });

  it('a chapter in a section it cannot have', () => {
    expectError(`${HEADER}\nprincipal,2022,I,D,011,,reel,1.00,`, /ledger\.csv:2:3 \(section\): chapter 011 belongs to section F \(fonctionnement\), not I \(value: "I"\)/);
  });

  it('a chapter in a sens it cannot have', () => {
    expectError(`${HEADER}\nprincipal,2022,F,R,011,,reel,1.00,`, /ledger\.csv:2:4 \(sens\): chapter 011 cannot carry sens R \(only D\) \(value: "R"\)/);
  });

  it('nature incoherent with an order-operation chapter', () => {
    expectError(`${HEADER}\nprincipal,2022,F,D,042,,reel,1.00,`, /ledger\.csv:2:7 \(nature\): chapter 042 is an order-operation chapter: nature must be ordre \(value: "reel"\)/);
  });

  it('nature ordre on a real chapter', () => {
    expectError(`${HEADER}\nprincipal,2022,F,D,011,,ordre,1.00,`, 'chapter 011 holds real operations: nature must be reel');
  });

  it('a non-numeric amount', () => {
    expectError(`${HEADER}\nprincipal,2022,F,D,011,,reel,12a.00,`, /ledger\.csv:2:8 \(realise\): realise: not an amount .* \(value: "12a\.00"\)/);
  });

  it('more than two decimals', () => {
    expectError(`${HEADER}\nprincipal,2022,F,D,011,,reel,1.005,`, /ledger\.csv:2:8 \(realise\): realise: more than two decimals.* \(value: "1\.005"\)/);
  });

  it('an amount with letters in it, whatever the dialect', () => {
    expectError(`${HEADER}\nprincipal,2022,F,D,011,,reel,"1 234.0O",`, /ledger\.csv:2:8 \(realise\): realise: .*\(value: "1 234\.0O"\)/);
  });

  it('a line repeated on its full key', () => {
    expectError(`${HEADER}\n${ok}\n${ok}`, /ledger\.csv:3:5 \(chapitre\): line repeats the key of line 2/);
  });

  it('a bad section and a bad sens', () => {
    const { stderr } = expectError(`${HEADER}\nprincipal,2022,X,Z,011,,reel,1.00,`, 'section must be F or I');
    expect(stderr).toContain('sens must be D or R');
  });

  it('a wrong number of fields', () => {
    expectError(`${HEADER}\nprincipal,2022,F,D,011,,reel,1.00`, /ledger\.csv:2:9: expected 9 fields, found 8/);
  });

  it('a budget not declared in the manifest', () => {
    expectError(`${HEADER}\nannexe,2022,F,D,011,,reel,1.00,`, 'budget annexe is not declared in the manifest (principal)');
  });

  it('a chapter without execution that carries an amount', () => {
    expectError(`${HEADER}\nprincipal,2022,F,D,023,,,1.00,`, 'chapter 023 carries no execution');
  });

  it('a realised amount both as a section total and by chapter', () => {
    expectError(`${HEADER}\nprincipal,2022,F,D,,,,100.00,\n${ok}`, 'the section total of line 2 already gives the realised amount');
  });

  it('counts lines across a quoted field that spans lines and across empty lines', () => {
    // line 2 holds a libellé on two lines (2–3), line 4 is empty: the bad chapter is on line 5.
    expectError(
      `${HEADER},libelle\nprincipal,2022,F,D,011,,reel,1.00,,"Eau\net gaz"\n\nprincipal,2022,F,D,099,,reel,1.00,,x\n`,
      /ledger\.csv:5:5 \(chapitre\): unknown chapter 099/,
    );
  });

  it('reports every error of the file, not only the first', () => {
    const { stderr } = expectError(
      `${HEADER}\nprincipal,2022,F,D,099,,reel,1.00,\nprincipal,2022,F,D,011,,reel,x,\nprincipal,2022,F,D,012,,reel,1.001,`,
      'unknown chapter 099',
    );
    expect(stderr).toContain(':3:8 (realise)');
    expect(stderr).toContain(':4:8 (realise)');
    expect(stderr).toContain('3 problems in the input; nothing written');
  });

  it('an account that cannot carry the flow', () => {
    // 6811 (dotations aux amortissements) is only an order operation (DOES 042) in the plan.
    expectError(`${HEADER}\nprincipal,2022,F,D,011,6811,reel,1.00,`, /ledger\.csv:2:6 \(compte\): account 6811 cannot carry a reel D flow in plan M57-M57-2022 \(value: "6811"\)/);
  });

  it('an account budgeted in another chapter', () => {
    // 64111 (rémunération principale) is budgeted in 012.
    expectError(`${HEADER}\nprincipal,2022,F,D,011,64111,reel,1.00,`, /ledger\.csv:2:5 \(chapitre\): account 64111 is budgeted in chapter 012 for a reel D flow, not 011/);
  });
});

describe('manifest errors', () => {
  it('a folder without manifest', () => {
    const r = run(['compute', 'fixtures']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('fixtures/manifest.json: missing manifest.json');
  });

  it('a manifest naming a ledger that does not exist', () => {
    expectError(`${HEADER}\n${ok}`, 'file not found (listed in manifest.json "ledgers")', { ledgers: ['ledger.csv', 'absent.csv'] });
  });

  it('a manifest with a wrong field', () => {
    expectError(`${HEADER}\n${ok}`, /manifest\.json:budgets: /, { budgets: [] });
  });

  it('an unknown nomenclature', () => {
    expectError(`${HEADER}\n${ok}`, /M99/, { nomenclature: 'M99' });
  });
});

describe('usage errors exit 2', () => {
  it('unknown option', () => {
    const r = run(['compute', 'fixtures/sitiv-2022', '--bogus']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });
  it('unknown format', () => {
    const r = run(['compute', 'fixtures/sitiv-2022', '--format', 'docx']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/unknown format docx \(known: .*html, pdf\)/);
  });
  it('missing argument', () => {
    const r = run(['compute']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("missing required argument 'folder'");
  });
  it('unknown command', () => {
    expect(run(['frobnicate']).exitCode).toBe(2);
  });
  it('--help and --version exit 0', () => {
    expect(run(['--help']).exitCode).toBe(0);
    const v = run(['--version']);
    expect(v.exitCode).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
  it('refuses to write the output onto an input', () => {
    const r = run(['compute', 'fixtures/sitiv-2022', '--format', 'csv', '-o', 'fixtures/sitiv-2022/principal.csv']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('it is an input of this run');
  });
});
