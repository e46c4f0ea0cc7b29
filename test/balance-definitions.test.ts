// compute FILE --by entity --definition ofgl | decret-2023 on a small hand-made DGFiP balance: figures worked out by hand below.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { run } from './helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'sitiv-balance-defs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEAD = 'EXER;IDENT;NDEPT;LBUDG;INSEE;CBUDG;CTYPE;CSTYP;NOMEN;SIREN;CREGI;CACTI;SECTEUR;FINESS;CODBUD1;CATEG;BAL;FONCTION;COMPTE;BEDEB;BECRE;OBNETDEB;OBNETCRE;ONBDEB;ONBCRE;OOBDEB;OOBCRE;SD;SC';
const A = "2024;21560078600015;056;COMMUNE D'ESSAI;078;1;101;00;M57;215600786;053;;;;;Commune;DEF";
const M = '2024;21560099900017;056;COMMUNE M14;099;1;101;00;M14;215600999;053;;;;;Commune;DEF';
const Z = '2024;25560001200017;056;SIVU DES EAUX;000;1;401;00;M49;255600012;053;;;;;Syndicat;DEF';
//                 COMPTE;BEDEB;BECRE;OBNETDEB;OBNETCRE;ONBDEB;ONBCRE;OOBDEB;OOBCRE;SD;SC
const l = (e: string, rest: string) => `${e};;${rest}`;
const LINES = [
  HEAD,
  l(A, '60611;0;0;40000;0;0;0;0;0;40000;0'),
  l(A, '64111;0;0;60000;0;0;0;0;0;60000;0'),
  l(A, '65541;0;0;2500;0;0;0;0;0;2500;0'),
  l(A, '66111;0;0;4000;0;0;0;0;0;4000;0'),
  l(A, '6817;0;0;3880,72;0;0;0;0;0;3880,72;0'),
  l(A, '6811;0;0;9000;0;0;0;9000;0;9000;0'),
  l(A, '675;0;0;3000;0;0;0;3000;0;3000;0'),
  l(A, '676;0;0;690,60;0;0;0;690,60;0;690,60;0'),
  l(A, '739211;0;0;700;0;0;0;0;0;700;0'),
  l(A, '7066;0;0;0;100000;0;0;0;0;0;100000'),
  l(A, '73111;0;0;0;50000;0;0;0;0;0;50000'),
  l(A, '6419;0;0;0;1000;0;0;0;0;0;1000'),
  l(A, '775;0;0;0;3690,60;0;0;0;0;0;3690,60'),
  l(A, '7815;0;0;0;1200;0;0;0;0;0;1200'),
  l(A, '776;0;0;0;500;0;0;0;500;0;500'),
  l(A, '777;0;0;0;800;0;0;0;800;0;800'),
  l(A, '1641;0;100000;12000;10000;0;0;0;0;0;98000'),
  l(A, '16449;0;2000;5000;3000;0;0;0;0;0;0'),
  l(A, '166;0;0;8000;8000;0;0;0;0;0;0'),
  l(A, '165;0;1000;0;200;0;0;0;0;0;1200'),
  l(A, '1688;0;300;0;0;0;0;0;0;0;300'),
  l(A, '169;50;0;0;0;0;0;0;0;50;0'),
  l(A, '2031;0;0;1000;0;0;0;0;0;1000;0'),
  l(A, '2041582;0;0;2000;0;0;0;0;0;2000;0'),
  l(A, '2183;0;0;4000;0;0;0;0;0;4000;0'),
  l(A, '2313;0;0;20000;0;0;0;0;0;20000;0'),
  l(A, '238;0;0;1500;500;0;0;0;0;1000;0'),
  l(A, '237;0;0;750;250;0;0;0;0;500;0'),
  l(M, '7411;0;0;0;1000;0;0;0;0;0;1000'),
  l(M, '60611;0;0;400;0;0;0;0;0;400;0'),
  l(Z, '6042;0;0;900;0;0;0;0;0;900;0'),
  l(Z, '7478;0;0;0;800;0;0;0;0;0;800'),
];
const file = join(dir, 'balance.csv');
writeFileSync(file, LINES.join('\n') + '\n');

// The M57 commune, by hand (euros):
//   ofgl   recettes = C 7 − 775 − 776 − 777 − 78 = 100 000 + 50 000 = 150 000 (6419 is class 6)
//          dépenses = D 6 − 65541 − 675 − 676 − 68 = 40 000 + 60 000 + 4 000 = 104 000 (6811, 675, 676: order only)
//          épargne brute 46 000; gestion = C 70..75 150 000 − D 60..65 102 500 = 47 500
//          remboursements = D 16 25 000 − min(5 000; 3 000) − min(8 000; 8 000) = 14 000; nette 32 000
//          emprunts = C 16 (10 000 + 3 000 + 8 000 + 200 on 165) − 3 000 − 8 000 = 10 200
//          encours = SC − SD of 16 sauf 1688, 169 = 98 000 + 0 + 0 + 1 200 = 99 200; capacité 99 200 / 46 000 = 2,2
//          équipement = D 20, 21, 23 sauf 204 (1 000 + 4 000 + 20 000 + 1 500 + 750) − C 237 250 − C 238 500 = 26 500
//   décret recettes = real FR (150 000 + 1 000 + 3 690,60 + 1 200) − 775 − 777 − 78 = 151 000
//          dépenses = real FD (40 000 + 60 000 + 2 500 + 4 000 + 3 880,72 + 700) − 675 − 68 − 676 = 107 200
//          épargne brute 43 800; gestion + 66111 = 47 800; capital 1641 12 000; nette 31 800; emprunts 1641 10 000;
//          encours: the ca's, from the état de la dette → n.s.; équipement: chapters → n.s.
function rows(definition: string) {
  const r = run(['compute', file, '--by', 'entity', '--definition', definition, '--lang', 'en']);
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  const records = parse(r.stdout, { columns: true, comment: '#' }) as Record<string, string>[];
  return { records, out: r.stdout };
}

describe('compute --by entity --definition', () => {
  it('ofgl: the OFGL aggregates per entity, from OBNET − OOB and SC − SD', () => {
    const { records, out } = rows('ofgl');
    const a = records.find((x) => x.nomen === 'M57')!;
    expect(a).toMatchObject({
      'recettes-reelles-fonctionnement': '150000.00',
      'depenses-reelles-fonctionnement': '104000.00',
      'epargne-gestion': '47500.00',
      'epargne-brute': '46000.00',
      'capital-rembourse': '14000.00',
      'epargne-nette': '32000.00',
      'emprunts-nouveaux': '10200.00',
      encours: '99200.00',
      'depenses-equipement-brut': '26500.00',
      'capacite-desendettement': '2.2',
      reasons: '',
    });
    // M14: the same account numbers.
    expect(records.find((x) => x.nomen === 'M14')).toMatchObject({ 'recettes-reelles-fonctionnement': '1000.00', 'depenses-reelles-fonctionnement': '400.00', 'epargne-brute': '600.00', encours: '0.00', 'capacite-desendettement': '0.0' });
    // M49: the OFGL table gives no formula here, and the line says so.
    const z = records.find((x) => x.nomen === 'M49')!;
    expect(z['epargne-brute']).toBe('');
    expect(z.reasons).toMatch(/epargne-brute: .*no accounts for norme M49/);
    expect(out).toMatch(/# note: aggregates under the definition ofgl .*real debit = OBNETDEB − OOBDEB, real credit = OBNETCRE − OOBCRE/);
    expect(out).toMatch(/# note: the OFGL definitions are the natural ones for a DGFiP balance/);
    expect(out).toMatch(/definition=ofgl/);
  });

  it('decret-2023: recettes, dépenses and épargne under the decree; what a balance cannot give is n.s. with the reason', () => {
    const { records } = rows('decret-2023');
    const a = records.find((x) => x.nomen === 'M57')!;
    expect(a).toMatchObject({
      'recettes-reelles-fonctionnement': '151000.00',
      'depenses-reelles-fonctionnement': '107200.00',
      'epargne-brute': '43800.00',
      'epargne-gestion': '47800.00',
      'capital-rembourse': '12000.00',
      'epargne-nette': '31800.00',
      'emprunts-nouveaux': '10000.00',
      encours: '',
      'depenses-equipement-brut': '',
      'capacite-desendettement': '',
    });
    expect(a.reasons).toMatch(/encours: encours comes from outside the accounts/);
    expect(a.reasons).toMatch(/depenses-equipement-brut: takes whole chapters \(20, 21, 23\)/);
  });

  it('JSON lines carry the same figures; the default keeps the balance’s own columns and points to ofgl', () => {
    const r = run(['compute', file, '--by', 'entity', '--definition', 'ofgl', '--format', 'jsonl']);
    const [meta, a] = r.stdout.trimEnd().split('\n').map((x) => JSON.parse(x));
    expect(meta.provenance.options).toMatchObject({ by: 'entity', definition: 'ofgl' });
    expect(a['epargne-brute']).toBe('46000.00');
    const d = run(['compute', file, '--by', 'entity', '--format', 'jsonl', '--lang', 'en']);
    const [dm, da] = d.stdout.trimEnd().split('\n').map((x) => JSON.parse(x));
    expect(dm.provenance.options.definition).toBe('ca');
    expect(dm.notes.join('\n')).toMatch(/the OFGL’s definitions, the natural reference for a DGFiP balance .* with --definition ofgl/);
    expect(da.epargneBrute).toBe('44809.88'); // real FR 155 890,60 − real FD 111 080,72
  });

  it('an unknown definition, or --compare-definitions, is a usage error', () => {
    const u = run(['compute', file, '--by', 'entity', '--definition', 'x', '--lang', 'en']);
    expect(u.exitCode).toBe(2);
    expect(u.stderr).toMatch(/unknown --definition x: the definitions are ca, ofgl, decret-2023/);
    const c = run(['compute', file, '--by', 'entity', '--compare-definitions', '--lang', 'en']);
    expect(c.exitCode).toBe(2);
    expect(c.stderr).toMatch(/--compare-definitions is not available with --by entity/);
  });
});

describe('a balance and a ledger of the same movements give the same OFGL and decree figures', () => {
  // Random real movements on the accounts where the definitions differ; the balance goes through the real reader
  // (CLI), the ledger through the ledger evaluator: two independent paths to the same formulas.
  const ACCOUNTS = ['60611', '64111', '65541', '6574', '66111', '6817', '7066', '73111', '752', '7588', '775', '7815', '6419', '739211', '1641', '16449', '166', '165', '2031', '2041582', '2183', '2313', '237', '238'];
  let seed = 2023;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % 1_000_000_00;
  };
  const entities: { ident: string; moves: [string, bigint, bigint][] }[] = [];
  for (let e = 0; e < 30; e++) {
    const moves: [string, bigint, bigint][] = ACCOUNTS.filter(() => next() % 3 !== 0).map((c) => [c, BigInt(next()), BigInt(next() % 2 === 0 ? next() : 0)]);
    entities.push({ ident: String(21000000000000 + e), moves });
  }
  const euros = (c: bigint) => `${c / 100n},${String(c % 100n).padStart(2, '0')}`;
  const text = [HEAD, ...entities.flatMap(({ ident, moves }) => moves.map(([c, d, r]) => `2024;${ident};056;COMMUNE ${ident};078;1;101;00;M57;${ident.slice(0, 9)};053;;;;;Commune;DEF;;${c};0;0;${euros(d)};${euros(r)};0;0;0;0;0;0`))].join('\n') + '\n';
  const pfile = join(dir, 'random.csv');
  writeFileSync(pfile, text);

  for (const def of ['ofgl', 'decret-2023']) {
    it(def, async () => {
      const { Evaluator } = await import('../src/compute/aggregate.js');
      const { definitionById, COMPARED_AGGREGATES } = await import('../src/definitions/index.js');
      const { addRow, emptyModel } = await import('../src/model/budget.js');
      const r = run(['compute', pfile, '--by', 'entity', '--definition', def, '--format', 'jsonl']);
      expect(r.exitCode).toBe(0);
      const out = new Map(r.stdout.trimEnd().split('\n').slice(1).map((l) => { const o = JSON.parse(l); return [o.ident as string, o as Record<string, string | null>]; }));
      let compared = 0;
      for (const { ident, moves } of entities) {
        const model = emptyModel([{ id: 'b', label: 'B' }]);
        for (const [compte, d, c] of moves) {
          const section = compte[0] === '6' || compte[0] === '7' ? 'F' : 'I';
          // 6419 is credited in 013, 739211 debited in 014: the ledger side puts them where a ledger does.
          const chapitre = compte === '6419' ? '013' : compte === '739211' ? '014' : compte.slice(0, compte.startsWith('204') ? 3 : 2);
          for (const [sens, amount] of [['D', d], ['R', c]] as const) {
            if (amount !== 0n) addRow(model, { budget: 'b', exercice: 2024, section, sens, chapitre, compte, nature: 'reel', realise: amount, rar: 0n, file: 't', line: 1 });
          }
        }
        const ev = new Evaluator(definitionById(def)!, { ex: model.data.get('b')!.get(2024)!, norme: 'M57', categorie: 'autre' });
        for (const id of COMPARED_AGGREGATES) {
          const e = ev.get(id);
          if (!('value' in e)) continue; // encours (a balance, or the état de la dette), chapter-based terms
          const v = e.value;
          // A term on whole chapters is for ledgers: the balance says why it has no figure.
          if (out.get(ident)![id] === null) {
            expect(out.get(ident)!.reasons, `${def} ${ident} ${id}`).toMatch(new RegExp(`${id}: takes whole chapters`));
            continue;
          }
          expect(out.get(ident)![id], `${def} ${ident} ${id}`).toBe(`${v < 0n ? '-' : ''}${(v < 0n ? -v : v) / 100n}.${String((v < 0n ? -v : v) % 100n).padStart(2, '0')}`);
          compared++;
        }
      }
      expect(compared).toBe(30 * (def === 'ofgl' ? 8 : 7)); // all but the encours; the decree's équipement is on chapters
    });
  }
});
