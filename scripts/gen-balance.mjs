// Seeded generator of synthetic DGFiP balances (29 columns, M57 accounts) with their per-entity results worked out independently in BigInt; shared by the tests and `npm run bench`.
import { closeSync, openSync, writeSync } from 'node:fs';

export const COLUMNS = [
  'EXER', 'IDENT', 'NDEPT', 'LBUDG', 'INSEE', 'CBUDG', 'CTYPE', 'CSTYP', 'NOMEN', 'SIREN', 'CREGI', 'CACTI', 'SECTEUR', 'FINESS',
  'CODBUD1', 'CATEG', 'BAL', 'FONCTION', 'COMPTE', 'BEDEB', 'BECRE', 'OBNETDEB', 'OBNETCRE', 'ONBDEB', 'ONBCRE', 'OOBDEB', 'OOBCRE',
  'SD', 'SC',
];

/**
 * The accounts the generator writes, each with what it means by construction (not looked up in any plan):
 * s = section of its budgetary movements, k = how its amounts are drawn.
 *   fd / fr: real dépense / recette; fdo / fro / ido / iro: order only; idm: real + order (041) dépense;
 *   int: interest (real F dépense); sale: cession (real F recette); debt: loan (1641-type); dep: deposit (165, not debt);
 *   nb: non-budgetary (ONB movements and balances only).
 */
export const CATALOGUE = [
  ...['60611', '60612', '60622', '6068', '615221', '6232', '6262', '6281', '6336', '64111', '64131', '6451', '6453', '6475', '6541', '6558', '65741', '657362', '6574', '6135', '6226'].map((c) => ({ c, s: 'F', k: 'fd' })),
  ...['70323', '7067', '70688', '70632', '73111', '73211', '74111', '748314', '7588', '752', '7411', '7478', '7351'].map((c) => ({ c, s: 'F', k: 'fr' })),
  { c: '66111', s: 'F', k: 'int' },
  { c: '66112', s: 'F', k: 'int' },
  { c: '6618', s: 'F', k: 'fd' },
  { c: '775', s: 'F', k: 'sale' },
  ...['6811', '675', '6817'].map((c) => ({ c, s: 'F', k: 'fdo' })),
  ...['7811', '777', '722'].map((c) => ({ c, s: 'F', k: 'fro' })),
  ...['2031', '2051', '2111', '2128', '2138', '2152', '21318', '2188', '21838', '21848', '2312', '2315', '2764', '2183'].map((c) => ({ c, s: 'I', k: 'id' })),
  { c: '2313', s: 'I', k: 'idm' },
  ...['10222', '10226', '1068', '10251', '1321', '1323', '13251', '1341'].map((c) => ({ c, s: 'I', k: 'ir' })),
  ...['13911', '192'].map((c) => ({ c, s: 'I', k: 'ido' })),
  ...['28031', '2802', '281318', '28188'].map((c) => ({ c, s: 'I', k: 'iro' })),
  { c: '1641', s: 'I', k: 'debt' },
  { c: '1643', s: 'I', k: 'debt' },
  { c: '16878', s: 'I', k: 'debt' },
  { c: '165', s: 'I', k: 'dep' },
  ...['515', '4011', '4111', '4421', '4686'].map((c) => ({ c, s: '', k: 'nb' })),
];

const FONCTIONS = ['', '020', '0202', '212', '213', '311', '411', '422', '60', '71', '812', '822', '831', '90'];
const NOMS = ['SAINT-', 'LE ', 'LA ', 'PLOUG', 'KER', 'VILLE', 'MONT', 'PONT-', 'BEAU', 'SAINTE-'];
const SUFFIX = ['ANDRE', 'BERNARD', 'ROCHE', 'MOLAC', 'ELVEN', 'GUER', 'RIEUX', 'SULNIAC', 'THEIX', 'VANNES', 'PLESCOP', 'BRECH'];

/** mulberry32: a tiny seeded PRNG, so that every run writes the same bytes. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cents drawn log-uniformly from 1 cent to about 10^maxDigits cents, as a BigInt. */
function amount(rand, maxDigits = 9) {
  const digits = 1 + Math.floor(rand() * maxDigits);
  const hi = Math.floor(rand() * 10 ** Math.min(digits, 9));
  return BigInt(hi === 0 ? 1 : hi);
}

/** Cents as the DGFiP files write them: `0` for zero, otherwise two decimals with the given mark, sometimes one. */
export function formatCents(c, mark, rand) {
  if (c === 0n) return '0';
  const neg = c < 0n;
  const a = neg ? -c : c;
  let s = `${a / 100n}${mark}${(a % 100n).toString().padStart(2, '0')}`;
  // Real exports drop a trailing zero now and then (1234.5): the parser must take both.
  if (rand && s.endsWith('0') && rand() < 0.5) s = s.slice(0, -1);
  return (neg ? '-' : '') + s;
}

function emptyExpected() {
  return {
    lines: 0,
    FR: 0n, FD: 0n, IR: 0n, ID: 0n,
    FRreel: 0n, FDreel: 0n, interets: 0n, capital: 0n, emprunts: 0n, cessions: 0n, encoursDebut: 0n, encours: 0n,
  };
}

/**
 * Yields entities one at a time: { key, lines: string[], expected }. `decimal` is '.', ',' or 'mixed'; `perEntity`
 * [min, max) draws each entity's line count (20–300 as in the national files; [5, 15] gives 100 000 entities a million lines).
 * Entities are contiguous (the file is sorted by entity), as the DGFiP publishes them.
 */
export function* entities({ lines, seed = 1, decimal = '.', exer = 2024, perEntity = [20, 300] }) {
  const rand = prng(seed);
  const [minLines, maxLines] = perEntity;
  let left = lines;
  let n = 0;
  while (left > 0) {
    n++;
    const count = Math.min(left, minLines + Math.floor(rand() * (maxLines - minLines)));
    left -= count;
    const dept = String(1 + Math.floor(rand() * 95)).padStart(3, '0');
    const insee = String(1 + Math.floor(rand() * 700)).padStart(3, '0');
    const siren = String(200000000 + n * 7919).slice(0, 9);
    const annexe = rand() < 0.25;
    const cbudg = annexe ? '3' : '1';
    const ident = `${siren}${String(10 + (n % 90)).padStart(5, '0')}`;
    const nom = NOMS[Math.floor(rand() * NOMS.length)] + SUFFIX[Math.floor(rand() * SUFFIX.length)] + (rand() < 0.5 ? `-SUR-${SUFFIX[Math.floor(rand() * SUFFIX.length)]}` : '');
    const lbudg = annexe ? `BUDGET ANNEXE ASSAINISSEMENT ${nom}` : `COMMUNE DE ${nom}`;
    const nomen = rand() < 0.2 ? 'M57A' : 'M57';
    // Widths as published: about 150 bytes a line once the account and the ten amounts follow.
    const head = `${exer};${ident};${dept};${lbudg};${insee};${cbudg};${annexe ? '105' : '101'};00;${nomen};${siren};053;${annexe ? '40' : '00'};${annexe ? '2' : '1'};;00;Commune;DEF`;
    const exp = emptyExpected();
    exp.lines = count;
    const out = [];
    for (let i = 0; i < count; i++) {
      const acc = CATALOGUE[Math.floor(rand() * CATALOGUE.length)];
      const mark = decimal === 'mixed' ? (rand() < 0.5 ? '.' : ',') : decimal;
      const f = acc.k === 'nb' || acc.k === 'debt' || acc.k === 'dep' ? '' : FONCTIONS[Math.floor(rand() * FONCTIONS.length)];
      // BEDEB BECRE OBNETDEB OBNETCRE ONBDEB ONBCRE OOBDEB OOBCRE SD SC
      const v = [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n];
      switch (acc.k) {
        case 'fd': case 'int': {
          const x = amount(rand);
          v[2] = x; v[8] = x;
          exp.FD += x; exp.FDreel += x;
          if (acc.k === 'int') exp.interets += x;
          break;
        }
        case 'fr': case 'sale': {
          const x = amount(rand);
          v[3] = x; v[9] = x;
          exp.FR += x; exp.FRreel += x;
          if (acc.k === 'sale') exp.cessions += x;
          break;
        }
        case 'fdo': { const x = amount(rand); v[2] = x; v[6] = x; v[8] = x; exp.FD += x; break; }
        case 'fro': { const x = amount(rand); v[3] = x; v[7] = x; v[9] = x; exp.FR += x; break; }
        case 'id': {
          const x = amount(rand); const be = amount(rand);
          v[0] = be; v[2] = x; v[8] = be + x; exp.ID += x; break;
        }
        case 'idm': {
          const real = amount(rand); const ord = amount(rand, 7);
          v[2] = real + ord; v[6] = ord; v[8] = real + ord; exp.ID += real + ord; break;
        }
        case 'ir': { const x = amount(rand); v[3] = x; v[9] = x; exp.IR += x; break; }
        case 'ido': { const x = amount(rand, 7); v[2] = x; v[6] = x; v[8] = x; exp.ID += x; break; }
        case 'iro': {
          const x = amount(rand, 7); const be = amount(rand);
          v[1] = be; v[3] = x; v[7] = x; v[9] = be + x; exp.IR += x; break;
        }
        case 'debt': {
          const be = amount(rand, 10);
          const repaid = be / (2n + BigInt(Math.floor(rand() * 20)));
          const loan = rand() < 0.3 ? amount(rand) : 0n;
          const close = be - repaid + loan;
          v[1] = be; v[2] = repaid; v[3] = loan; v[9] = close;
          exp.ID += repaid; exp.IR += loan; exp.capital += repaid; exp.emprunts += loan;
          exp.encoursDebut += be; exp.encours += close;
          break;
        }
        case 'dep': {
          const be = amount(rand, 6); const x = amount(rand, 5);
          v[1] = be; v[3] = x; v[9] = be + x; exp.IR += x; break;
        }
        case 'nb': {
          const be = amount(rand); const d = amount(rand); const c = amount(rand);
          v[0] = be; v[4] = d; v[5] = c;
          const close = be + d - c;
          if (close >= 0n) v[8] = close; else v[9] = -close;
          break;
        }
      }
      out.push(`${head};${f};${acc.c};${v.map((x) => formatCents(x, mark, rand)).join(';')}`);
    }
    yield { key: `${exer}|${ident}|${cbudg}`, ident, cbudg, lines: out, expected: exp };
  }
}

/** The whole file as one string (tests: at most 50 000 lines) and the expected results per entity key. */
export function generateBalance(opts) {
  const parts = [COLUMNS.join(';')];
  const expected = new Map();
  for (const e of entities(opts)) {
    parts.push(...e.lines);
    expected.set(e.key, e.expected);
  }
  return { text: parts.join('\n') + '\n', expected };
}

/** Writes a (large) file in 4 MiB slices without holding it in memory; returns its size in bytes and lines. */
export function writeBalance(path, opts) {
  const fd = openSync(path, 'w');
  let bytes = 0;
  let pending = [COLUMNS.join(';')];
  let size = 0;
  const flush = () => {
    const chunk = Buffer.from(pending.join('\n') + '\n', 'latin1');
    writeSync(fd, chunk);
    bytes += chunk.length;
    pending = [];
    size = 0;
  };
  try {
    for (const e of entities(opts)) {
      for (const l of e.lines) {
        pending.push(l);
        size += l.length;
      }
      if (size > 4 << 20) flush();
    }
    if (pending.length) flush();
  } finally {
    closeSync(fd);
  }
  return { bytes, lines: opts.lines };
}
