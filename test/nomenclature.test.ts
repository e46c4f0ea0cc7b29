// Checks the generated plans de comptes and the debt / RAR tables against figures read in the official XML files.
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import {
  ASSET_SALE_PREFIX,
  DEBT_EXCLUSIONS,
  INTEREST_ACCOUNTS,
  debtExclusion,
  isDebtPrincipalAccount,
  isInterestAccount,
} from '../src/nomenclature/debt-accounts.js';
import { availablePlans, resolvePlan } from '../src/nomenclature/plan.js';
import { RAR_LAYOUT } from '../src/nomenclature/presentation.js';

describe('bundled plans', () => {
  it('lists the 215 ODM plans of 2013–2024, named by the year they serve', () => {
    const ids = availablePlans().map((p) => p.id);
    expect(ids).toHaveLength(215);
    expect(new Set(ids).size).toBe(215);
    expect(ids).toContain('M57-M57-2015');
    expect(ids).toContain('M57-M57-2022');
    expect(ids).toContain('M4-M43_D-2013');
    expect(ids).toContain('M71-M71-2024');
    expect(ids.filter((id) => id.startsWith('M57-M57_P-'))).toEqual(['M57-M57_P-2023', 'M57-M57_P-2024']);
  });
});

// The file the ODM files under 2022 (its Exer says 2020): the figures below were read in it.
describe('M57 2022 (Exer 2020) chapters', () => {
  const plan = () => resolvePlan('M57', 2022);

  it('has the 97 chapters of the XML (54 by nature, 43 by function)', () => {
    expect(plan().chapters()).toHaveLength(97);
  });

  it('011: fonctionnement, global, expense only, real', () => {
    expect(plan().chapter('011')).toEqual({
      code: '011',
      libelle: 'Charges à caractère général',
      libCourt: 'Charges à caractère général',
      type: 'G',
      section: 'F',
      special: false,
      kind: 'reel',
      sens: ['D'],
    });
  });

  it('order, carried and budget-only chapters', () => {
    const p = plan();
    expect(p.chapter('042')).toMatchObject({ kind: 'ordre', section: 'F', sens: ['D', 'R'] });
    expect(p.chapter('040')).toMatchObject({ kind: 'ordre', section: 'I' });
    expect(p.chapter('041')).toMatchObject({ kind: 'ordre', section: 'I' });
    expect(p.chapter('043')).toMatchObject({ kind: 'ordre', section: 'F' });
    expect(p.chapter('001')).toMatchObject({ kind: 'reporte', section: 'I', type: 'L', sens: ['D', 'R'] });
    expect(p.chapter('002')).toMatchObject({ kind: 'reporte', section: 'F', sens: ['D', 'R'] });
    expect(p.chapter('021')).toMatchObject({ kind: 'sans-execution', section: 'I', sens: ['R'] });
    expect(p.chapter('023')).toMatchObject({ kind: 'sans-execution', section: 'F', sens: ['D'] });
    expect(p.chapter('020')).toMatchObject({ kind: 'sans-execution', sens: ['D'] });
    expect(p.chapter('022')).toMatchObject({ kind: 'sans-execution', sens: ['D'] });
    expect(p.chapter('024')).toMatchObject({ kind: 'sans-execution', sens: ['R'] });
    expect(p.chapter('013')).toMatchObject({ kind: 'reel', sens: ['R'] });
  });

  it('functional (95x, 92x/94x) analogues follow the same rules', () => {
    const p = plan();
    expect(p.chapter('952')).toMatchObject({ kind: 'sans-execution', section: 'F', sens: ['D'] });
    expect(p.chapter('953')).toMatchObject({ kind: 'sans-execution', section: 'F', sens: ['D'] });
    expect(p.chapter('950')).toMatchObject({ kind: 'sans-execution', section: 'I', sens: ['D'] });
    expect(p.chapter('951')).toMatchObject({ kind: 'sans-execution', section: 'I', sens: ['R'] });
    expect(p.chapter('954')).toMatchObject({ kind: 'sans-execution', section: 'I', sens: ['R'] });
    expect(p.chapter('946')).toMatchObject({ kind: 'ordre', section: 'F' });
    expect(p.chapter('926')).toMatchObject({ kind: 'ordre', section: 'I' });
    expect(p.chapter('930')).toMatchObject({ kind: 'reel', section: 'F' });
  });

  it('special chapters and chapters no account cites', () => {
    const p = plan();
    expect(p.chapter('016')).toMatchObject({ special: true, section: 'F' });
    // No account of any plan cites 018: both directions allowed rather than none.
    expect(p.chapter('018')).toMatchObject({ special: true, section: 'I', kind: 'reel', sens: ['D', 'R'] });
  });

  it('third-party operations map to the longest parent chapter', () => {
    const p = plan();
    expect(p.chapter('4581001')).toMatchObject({ code: '4581', section: 'I', tiersOperation: '001' });
    expect(p.chapter('4544110')).toMatchObject({ code: '45441', tiersOperation: '10' });
    expect(p.chapter('4581')).not.toHaveProperty('tiersOperation');
    expect(p.chapter('4541')).toBeUndefined();
    expect(p.chapter('999')).toBeUndefined();
    expect(p.chapter('0111')).toBeUndefined();
  });
});

describe('M57 2020 accounts', () => {
  const plan = () => resolvePlan('M57', 2022);

  it('reads the flow attributes', () => {
    const p = plan();
    expect(p.account('6811')).toEqual({
      code: '6811',
      libelle: 'Dotations aux amortissements des immobilisations incorporelles et corporelles',
      chapters: { DOES: '042' },
    });
    expect(p.account('60611')?.chapters).toEqual({ DR: '011' });
    expect(p.account('1641')?.chapters).toEqual({ DR: '16', RR: '16', DOES: '040', ROES: '040', DOIS: '041', ROIS: '041' });
    expect(p.account('021')?.chapters).toEqual({ ROES: '021' });
  });

  it('records nested parents and deeper accounts', () => {
    const p = plan();
    expect(p.account('10')).toMatchObject({ code: '10', chapters: {} });
    expect(p.account('102291')?.chapters).toEqual({ DOES: '040', ROES: '040' });
    expect(p.account('90020')?.chapters).toEqual({ DR: '900', RR: '900' });
  });

  it('falls back to the nearest listed parent', () => {
    expect(plan().account('606119')?.code).toBe('60611');
    expect(plan().account('X')).toBeUndefined();
    // M57_A (abrégé) has no 6811, only 681.
    const abrege = resolvePlan('M57_A', 2024);
    expect(abrege.account('6811')?.code).toBe('681');
    expect(abrege.chapterOfAccount('6811', 'D', 'ordre')).toBe('042');
  });

  it('chapterOfAccount picks the flow from sens and nature', () => {
    const p = plan();
    expect(p.chapterOfAccount('6811', 'D', 'ordre')).toBe('042');
    expect(p.chapterOfAccount('6811', 'D', 'reel')).toBeUndefined();
    expect(p.chapterOfAccount('60611', 'D', 'reel')).toBe('011');
    expect(p.chapterOfAccount('60611', 'R', 'reel')).toBeUndefined();
    expect(p.chapterOfAccount('1641', 'D', 'reel')).toBe('16');
    expect(p.chapterOfAccount('1641', 'R', 'reel')).toBe('16');
    expect(p.chapterOfAccount('1641', 'R', 'ordre')).toBe('040');
    // Only an inside-section flow: DOES empty, DOIS used.
    expect(p.chapterOfAccount('10251', 'D', 'ordre')).toBe('041');
    expect(p.chapterOfAccount('775', 'R', 'reel')).toBe('77');
    expect(p.chapterOfAccount('021', 'R', 'ordre')).toBe('021');
    expect(p.chapterOfAccount('4581', 'D', 'reel')).toBe('4581');
  });
});

describe('resolvePlan', () => {
  it('reads SITIV 2022 with the single M57 plan of 2022 (whose Exer says 2020)', () => {
    expect(resolvePlan('M57', 2022)).toMatchObject({ id: 'M57-M57-2022', exer: 2020 });
    expect(resolvePlan('M57-M57', 2022).id).toBe('M57-M57-2022');
  });

  it('takes the exact year, else the nearest earlier, else the nearest later', () => {
    expect(resolvePlan('M57_D', 2023).id).toBe('M57-M57_D-2023');
    expect(resolvePlan('M57_D', 2024).id).toBe('M57-M57_D-2024');
    expect(resolvePlan('M57_D', 2025).id).toBe('M57-M57_D-2024');
    expect(resolvePlan('M57_D', 2019).id).toBe('M57-M57_D-2022');
    expect(resolvePlan('M57-M57_A', 2030).id).toBe('M57-M57_A-2024');
    expect(resolvePlan('M57_P', 2024).exercice).toBe(2024);
  });

  it('handles M14 declinaisons', () => {
    const p = resolvePlan('M14_COM_500_3500', 2021);
    expect(p).toMatchObject({ id: 'M14-M14_COM_500_3500-2021', norme: 'M14', declinaison: 'M14_COM_500_3500', exercice: 2021 });
    expect(p.chapters()).toHaveLength(47);
    expect(p.chapter('656')).toMatchObject({ section: 'F', sens: ['D'] });
    expect(p.chapter('45611001')).toMatchObject({ code: '45611', tiersOperation: '001' });
    const sup = resolvePlan('M14-M14_COM_SUP3500', 2021);
    expect(sup.chapters()).toHaveLength(86);
    // M14 numbers its functional chapters differently from M57.
    expect(sup.chapter('939')).toMatchObject({ kind: 'sans-execution', section: 'F', sens: ['D'] });
    expect(sup.chapter('934')).toMatchObject({ kind: 'ordre', section: 'F' });
    expect(sup.chapter('95')).toMatchObject({ kind: 'sans-execution', section: 'I', sens: ['R'] });
  });

  it('caches plans', () => {
    expect(resolvePlan('M57', 2022)).toBe(resolvePlan('M57', 2022));
  });

  it('throws InputError naming the declinaison and the available ones', () => {
    expect(() => resolvePlan('M99', 2022)).toThrow(InputError);
    try {
      resolvePlan('M99', 2022);
    } catch (e) {
      const err = e as InputError;
      expect(err.problems[0]?.file).toBe('(nomenclature)');
      expect(err.message).toContain('"M99"');
      expect(err.message).toContain('M57_A');
      expect(err.message).toContain('M14_COM_SUP3500');
    }
    // The norme must match too.
    expect(() => resolvePlan('M14-M57_A', 2024)).toThrow(InputError);
  });
});

describe('debt accounts', () => {
  it('counts as principal the accounts of the ca definition (16441 included), not the excluded ones', () => {
    expect(isDebtPrincipalAccount('1641')).toBe(true);
    expect(isDebtPrincipalAccount('16818')).toBe(true);
    // The ca definition's capital repaid takes 16441 (issue 14): the multi-year and DGFiP paths now agree with it.
    expect(isDebtPrincipalAccount('16441')).toBe(true);
    for (const c of ['1645', '16451', '165', '1651', '166', '16449', '1688']) {
      expect(isDebtPrincipalAccount(c), c).toBe(false);
    }
    expect(isDebtPrincipalAccount('66111')).toBe(false);
    expect(isDebtPrincipalAccount('2041')).toBe(false);
    expect(debtExclusion('1688')?.reason).toMatch(/intérêts courus/);
    expect(DEBT_EXCLUSIONS.map((e) => e.prefix)).toEqual(['165', '166', '1645', '16449', '1688']);
  });

  it('interest is 66111 + 66112; asset sales are 775', () => {
    expect(INTEREST_ACCOUNTS).toEqual(['66111', '66112']);
    expect(isInterestAccount('66111')).toBe(true);
    expect(isInterestAccount('66112')).toBe(true);
    expect(isInterestAccount('66113')).toBe(false);
    expect(ASSET_SALE_PREFIX).toBe('775');
  });

  it('every excluded prefix is a real account of chapter 16 in the plan', () => {
    const p = resolvePlan('M57', 2022);
    for (const { prefix } of DEBT_EXCLUSIONS) expect(p.account(prefix)?.code, prefix).toBe(prefix);
    for (const a of INTEREST_ACCOUNTS) expect(p.chapterOfAccount(a, 'D', 'reel')).toBe('66');
  });
});

describe('RAR layout', () => {
  it('prints investissement first, then fonctionnement, in the seed order', () => {
    expect(RAR_LAYOUT.map((b) => b.section)).toEqual(['I', 'F']);
    expect(RAR_LAYOUT[0]?.rows.map((r) => r.code)).toEqual([
      '018', '10', '13', '16', '18', '20', '204', '21', '22', '23', '26', '27', '45',
    ]);
    expect(RAR_LAYOUT[0]?.rows.at(-1)).toEqual({
      code: '45',
      label: "Chapitres d'opérations pour compte de tiers",
      aggregatePrefix: '45',
    });
    expect(RAR_LAYOUT[1]?.rows.map((r) => r.code)).toEqual(['011', '012', '014', '016', '017', '65', '6586', '66', '67']);
  });

  it('every non-aggregate row is a chapter of the M57 plan in the right section', () => {
    const p = resolvePlan('M57', 2022);
    for (const block of RAR_LAYOUT) {
      for (const row of block.rows.filter((r) => !r.aggregatePrefix)) {
        expect(p.chapter(row.code)?.section, row.code).toBe(block.section);
      }
    }
  });
});
