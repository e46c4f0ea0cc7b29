// État de la dette: the seed's debt table (seed l.771–776) rebuilt, the roll-forward, and debt figures from ledger accounts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chapitre16, debtPrincipalFromLedger, etatDeLaDette, interetsFromLedger } from '../src/compute/dette.js';
import { InputError } from '../src/errors.js';
import { addRow, emptyModel, type ExerciceBudget } from '../src/model/budget.js';
import type { LedgerRow } from '../src/model/ledger.js';
import { readDette } from '../src/read/dette.js';
import { Evaluator } from '../src/compute/aggregate.js';
import { CA_DEFINITION } from '../src/definitions/index.js';
import { loadFolder } from '../src/read/folder.js';

const SEED = readFileSync(new URL('./data/seeds/000_749f0a95e83e4f00.txt', import.meta.url), 'utf8').split('\n');
/** `264 710,48` → cents. */
const cents = (s: string) => BigInt(s.replace(/\s/g, '').replace(',', ''));
const value = (m: { value: bigint } | { reason: string }) => ('value' in m ? m.value : m.reason);

describe('golden: the seed\'s état de la dette (seed l.771–776)', async () => {
  const declared = await readDette('fixtures/sitiv-2018-2022/dette.csv');
  const debt = etatDeLaDette([2018, 2019, 2020, 2021, 2022], declared, new Map());
  const printed = SEED.slice(771, 776).map((l) => l.split('\t'));

  it('the header is the one transcribed', () => expect(SEED[770]).toBe('ANNÉE\tAMORTISSEMENT\tINTÉRÊT\tANNUITÉ\tENCOURS'));
  printed.forEach(([year, amort, interet, annuite, encours]) => {
    it(`${year}: amortissement, intérêts, encours as printed; annuité = amortissement + intérêts as printed`, () => {
      const d = debt.find((x) => x.exercice === Number(year))!;
      expect(value(d.amortissement)).toBe(cents(amort!));
      expect(value(d.interets)).toBe(cents(interet!));
      expect(value(d.encours)).toBe(cents(encours!));
      expect(value(d.annuite)).toBe(cents(annuite!));
      expect('source' in d.amortissement && d.amortissement.source).toBe('dette');
    });
  });
  it('the roll-forward reproduces every published encours from 2019 to 2022 to the cent', () => {
    expect(debt.slice(1).map((d) => value(d.ecartEncours))).toEqual([0n, 0n, 0n, 0n]);
    expect(value(debt[1]!.encoursCalcule)).toBe(233308577n); // 2 254 424,26 − 307 338,49 + 386 000
  });
  it('2018 has no opening encours in the debt table', () => {
    expect(debt[0]!.encoursCalcule).toEqual({ reason: 'no encours at 31/12/2017' });
    expect(debt[0]!.ecartEncours).toEqual({ reason: 'no encours at 31/12/2017' });
  });
  it('with the ratio table\'s rounded 01/01/2018 capital as opening, 2018 is off by 0,26 € (rounding of 1 799 135)', () => {
    const withOpening = etatDeLaDette([2018], [...declared, { exercice: 2017, encours: 179913500n, file: 't', line: 1 }], new Map());
    expect(value(withOpening[0]!.encoursCalcule)).toBe(225442452n);
    expect(value(withOpening[0]!.ecartEncours)).toBe(-26n);
  });
  it('flags a published encours that disagrees with the roll-forward', () => {
    const wrong = declared.map((d) => (d.exercice === 2021 ? { ...d, encours: 199705200n } : d));
    const r = etatDeLaDette([2021, 2022], wrong, new Map());
    expect(value(r[0]!.ecartEncours)).toBe(199705200n - 222748155n);
    // 2022 rolls from the (wrong) declared 2021 encours, so it disagrees too.
    expect(value(r[1]!.ecartEncours)).toBe(222748155n - 199705200n);
  });
});

function exercice(rows: Partial<LedgerRow>[]): ExerciceBudget {
  const model = emptyModel([{ id: 'p', label: 'P' }]);
  rows.forEach((r, i) => {
    const problems = addRow(model, { budget: 'p', exercice: 2020, section: 'I', sens: 'D', chapitre: '', compte: '', nature: 'reel', realise: 0n, rar: 0n, file: 'x.csv', line: i + 2, ...r });
    expect(problems).toEqual([]);
  });
  return model.data.get('p')!.get(2020)!;
}

describe('debt figures from ledger accounts (debt-accounts table)', () => {
  const ex = exercice([
    { chapitre: '16', compte: '1641', realise: 100000n },
    { chapitre: '16', compte: '165', realise: 5000n },
    { chapitre: '16', compte: '16449', realise: 50000n },
    { chapitre: '16', compte: '1688', realise: 1000n },
    { sens: 'R', chapitre: '16', compte: '1641', realise: 300000n },
    { sens: 'R', chapitre: '16', compte: '166', realise: 200000n },
    { sens: 'R', chapitre: '16', compte: '16441', realise: 70000n },
    { section: 'F', chapitre: '66', compte: '66111', realise: 3000n },
    { section: 'F', chapitre: '66', compte: '66112', realise: -200n },
    { section: 'F', chapitre: '66', compte: '6615', realise: 400n },
  ]);
  it('capital repaid: 1641 only (165, 16449, 1688 left out)', () => expect(debtPrincipalFromLedger(ex, 'D')).toEqual({ value: 100000n }));
  // 16441 is capital under the ca definition (src/definitions/ca.ts), which this path now reads: 300 000 + 70 000.
  it('new loans: 1641 + 16441 (166 left out)', () => expect(debtPrincipalFromLedger(ex, 'R')).toEqual({ value: 370000n }));
  it('intérêts: 66111 + 66112 (6615 left out)', () => expect(interetsFromLedger(ex)).toEqual({ value: 2800n }));
  it('one definition: the multi-year path and the ca definition give the same capital repaid and new loans', () => {
    const ev = new Evaluator(CA_DEFINITION, { ex, norme: 'M57', categorie: 'commune' });
    const v = (id: string) => { const r = ev.get(id); return 'value' in r ? r.value : r.reason; };
    expect([v('capital-rembourse'), v('emprunts-nouveaux'), v('interets-dette')]).toEqual([100000n, 370000n, 2800n]);
    expect([value(debtPrincipalFromLedger(ex, 'D')), value(debtPrincipalFromLedger(ex, 'R')), value(interetsFromLedger(ex))]).toEqual([100000n, 370000n, 2800n]);
  });
  it('chapter 16 at chapter level keeps everything (what a presentation prints)', () => expect(chapitre16(ex, 'D')).toEqual({ value: 156000n }));
  it('an empty dette.csv cell falls back to the ledger, a filled one wins; annuité adds both', () => {
    const r = etatDeLaDette([2020], [{ exercice: 2020, interets: 9999n, encours: 1070000n, file: 'd', line: 2 }, { exercice: 2019, encours: 800000n, file: 'd', line: 1 }], new Map([[2020, ex]]));
    expect(r[0]!.amortissement).toEqual({ value: 100000n, source: 'ledger' });
    expect(r[0]!.interets).toEqual({ value: 9999n, source: 'dette' });
    expect(r[0]!.annuite).toEqual({ value: 109999n });
    // New loans 1641 300 000 + 16441 70 000 (the ca definition's accounts).
    expect(value(r[0]!.encoursCalcule)).toBe(800000n - 100000n + 370000n);
    expect(value(r[0]!.ecartEncours)).toBe(0n);
  });
  it('a chapter 16 without accounts cannot give capital repaid: the exclusions cannot be applied', () => {
    const flat = exercice([{ chapitre: '16', realise: 275770n }]);
    const r = debtPrincipalFromLedger(flat, 'D');
    expect('reason' in r && r.reason).toMatch(/chapter 16 is not detailed by account \(line 2\)/);
    expect(interetsFromLedger(flat)).toEqual({ value: 0n });
  });
  it('no debt table and no ledger for a year: every figure is not meaningful, with the year', () => {
    const r = etatDeLaDette([2023], [], new Map());
    expect(r[0]!.amortissement).toEqual({ reason: 'no debt figure for 2023 (neither dette.csv nor a ledger)' });
    expect(r[0]!.encours).toEqual({ reason: 'no encours at 31/12/2023 in dette.csv' });
  });
});

describe('the multi-year fixture: chapter 16 of the présentation against the debt table', async () => {
  const folder = await loadFolder('fixtures/sitiv-2018-2022');
  const years = folder.model.data.get('principal')!;
  it('2018 chapter 16 D (275 770) exceeds the capital repaid (264 710,48) by 11 059,52 €; later years differ by rounding only', () => {
    const diffs = [2018, 2019, 2020, 2021, 2022].map((y) => {
      const c = chapitre16(years.get(y), 'D') as { value: bigint };
      const d = folder.dette!.find((x) => x.exercice === y)!;
      return c.value - d.amortissement!;
    });
    expect(diffs).toEqual([1105952n, -49n, -19n, -3n, 37n]);
  });
});

describe('readDette errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dette-'));
  it('names file, line, column and value of a bad amount and of a repeated year', async () => {
    const p = join(dir, 'dette.csv');
    writeFileSync(p, 'exercice,amortissement,interets,emprunts_nouveaux,encours_31_12\n2018,12.345,1,2,3\n2019,1,,,\n2019,2,,,\n');
    const e = await readDette(p, 'dette.csv').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toBe(
      'dette.csv:2:2 (amortissement): not an amount (e.g. "264710.48" or "264 710,48", at most two decimals) (value: "12.345")\n' +
        'dette.csv:4:1 (exercice): exercice already given at line 3 (value: "2019")',
    );
  });
  it('accepts the printed French format', async () => {
    const p = join(dir, 'fr.csv');
    writeFileSync(p, 'exercice,amortissement,interets,emprunts_nouveaux,encours_31_12\n2018,"264 710,48",,,\n');
    expect((await readDette(p))[0]!.amortissement).toBe(26471048n);
  });
});

describe('roll-forward property', async () => {
  const fc = (await import('fast-check')).default;
  it('encours declared by rolling forward agree with the recomputation every year; a one-cent change is flagged', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 8n }), fc.bigInt({ min: 0n, max: 10n ** 8n })), { minLength: 1, maxLength: 8 }),
        (opening, moves) => {
          let enc = opening;
          const rows = [{ exercice: 2000, encours: opening, file: 'd', line: 1 }] as { exercice: number; encours?: bigint; amortissement?: bigint; empruntsNouveaux?: bigint; interets?: bigint; file: string; line: number }[];
          moves.forEach(([amort, nouveaux], i) => {
            enc = enc - amort + nouveaux;
            rows.push({ exercice: 2001 + i, amortissement: amort, empruntsNouveaux: nouveaux, interets: 0n, encours: enc, file: 'd', line: i + 2 });
          });
          const years = moves.map((_, i) => 2001 + i);
          const ok = etatDeLaDette(years, rows, new Map()).every((d) => 'value' in d.ecartEncours && d.ecartEncours.value === 0n);
          const last = rows[rows.length - 1]!;
          const bumped = rows.map((r) => (r === last ? { ...r, encours: r.encours! + 1n } : r));
          const flagged = etatDeLaDette(years, bumped, new Map()).at(-1)!.ecartEncours;
          return ok && 'value' in flagged && flagged.value === 1n;
        },
      ),
    );
  });
});
