// A DGFiP balance as read: the per-entity slots its lines fold into, how an account feeds them, the entities found.
import type { InputProblem } from '../errors.js';
import { ExactSlots, type ExactSums } from '../money/exact-sum.js';
import type { Plan } from '../nomenclature/plan.js';
import { BALANCE_SLOT_SPECS } from '../definitions/balance-slots.js';

/** Slot indexes of an entity's accumulator; every amount lands in zero or more of them. */
export const B = {
  FD_REEL: 0,
  FD_ORDRE: 1,
  FR_REEL: 2,
  FR_ORDRE: 3,
  ID_REEL: 4,
  ID_ORDRE: 5,
  IR_REEL: 6,
  IR_ORDRE: 7,
  /** Real mandats on interest accounts (66111, 66112). */
  INTERETS: 8,
  /** Real mandats on debt principal accounts: capital repaid. */
  CAPITAL: 9,
  /** Real titres on debt principal accounts: new loans. */
  EMPRUNTS: 10,
  /** Real titres on 775: proceeds of asset sales. */
  CESSIONS: 11,
  /** BECRE − BEDEB of debt principal accounts: encours at 01/01. */
  ENCOURS_DEBUT: 12,
  /** SC − SD of debt principal accounts: encours at 31/12. */
  ENCOURS_FIN: 13,
} as const;

/** The slots of the balance's own figures (B above). */
export const BASE_BUCKETS = 14;
/**
 * Slots BASE_BUCKETS + i: the account lists of the named definitions (ofgl, decret-2023), as data in
 * definitions/balance-slots.ts, each folded from the column it names.
 */
export const BUCKET_COUNT = BASE_BUCKETS + BALANCE_SLOT_SPECS.length;

export type BucketName = keyof typeof B;

/** An entity's sums once the file is read: exact, one bigint per slot. */
export type Totals = Record<BucketName, bigint>;

export interface AccountClass {
  compte: string;
  /** Slots receiving real dépenses (OBNETDEB − OOBDEB), order dépenses (OOBDEB), real recettes, order recettes. */
  dReel: number;
  dOrdre: number;
  rReel: number;
  rOrdre: number;
  debt: boolean;
  interest: boolean;
  sale: boolean;
  /** Extra slots of the named definitions this account feeds, flat (slot, column code) pairs (definitions/balance-slots.ts COLUMN). */
  extra: readonly number[];
  /** debt || interest || sale || extra slots: one test on the common line. */
  special: boolean;
  /** Chapter the plan gives each flow; '' when the plan has none and the account class decided the section. */
  chapitres: { dReel: string; dOrdre: string; rReel: string; rOrdre: string };
}

/** Classifies an account under a plan (undefined: no plan, the account class decides); the reader memoises it per account. */
export type Classifier = (plan: Plan | undefined, compte: string) => AccountClass;

export interface EntitySums {
  key: string;
  exer: string;
  ident: string;
  cbudg: string;
  siren: string;
  insee: string;
  ndept: string;
  lbudg: string;
  ctype: string;
  categ: string;
  nomen: string;
  /** Plan id, or how the lines were classified without a plan. */
  plan: string;
  /** NOMEN|EXER: the classification context of its accounts. */
  ctxKey: string;
  /** Line of the file where the entity first appears. */
  firstLine: number;
  /** Lines folded in. */
  lines: number;
  /** Lines of this entity that were rejected: its figures then miss them. */
  rejected: number;
  sums: ExactSums;
}

/** An entity without its sums: what an output line says of it. */
export type EntityInfo = Omit<EntitySums, 'sums'>;

/** The descriptive columns kept per entity, in the order of EntityTable's packed text. */
const DESC = ['exer', 'ident', 'cbudg', 'siren', 'insee', 'ndept', 'lbudg', 'ctype', 'categ', 'nomen', 'plan'] as const;
export type EntityText = Record<(typeof DESC)[number], string>;

function grown<T extends Int32Array | Float64Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

/**
 * Every entity of a balance as typed-array slots: its sums in one ExactSlots row, its counts in Int32Arrays, its
 * descriptive columns packed into one flat string (fields never hold `;`, the file's separator). About 8 bytes a
 * slot plus ~200 bytes of text and index per entity, where one object per entity cost 1.35 KB.
 */
export class EntityTable {
  readonly sums: ExactSlots;
  /** Row of each EXER|IDENT|CBUDG key. */
  readonly index = new Map<string, number>();
  private text: string[] = [];
  lines = new Int32Array(256);
  rejected = new Int32Array(256);
  firstLine = new Float64Array(256);

  constructor(width: number = BUCKET_COUNT) {
    this.sums = new ExactSlots(width);
  }

  get count(): number {
    return this.text.length;
  }

  /** A new entity (its key not yet in the table): its row. */
  add(key: string, t: EntityText, firstLine: number): number {
    const row = this.sums.addRow();
    this.text.push(DESC.map((k) => t[k]).join(';'));
    this.index.set(key, row);
    this.lines = grown(this.lines, row + 1);
    this.rejected = grown(this.rejected, row + 1);
    this.firstLine = grown(this.firstLine, row + 1);
    this.firstLine[row] = firstLine;
    return row;
  }

  /** Row `row` as an output line needs it (one short-lived object). */
  info(row: number): EntityInfo {
    const f = this.text[row]!.split(';');
    const [exer, ident, cbudg, siren, insee, ndept, lbudg, ctype, categ, nomen, plan] = f as [string, string, string, string, string, string, string, string, string, string, string];
    return {
      key: `${exer}|${ident}|${cbudg}`,
      ctxKey: `${nomen}|${exer}`,
      exer, ident, cbudg, siren, insee, ndept, lbudg, ctype, categ, nomen, plan,
      firstLine: this.firstLine[row]!,
      lines: this.lines[row]!,
      rejected: this.rejected[row]!,
    };
  }

  /** Row `row` as a standalone object with its own sums (tests, the compte de gestion check). */
  entity(row: number): EntitySums {
    return { ...this.info(row), sums: this.sums.sumsOf(row) };
  }

  /** Folds another table in (the worker's half): same key adds up, a new key is appended; its lines count from lineBase. */
  merge(o: EntityTable, lineBase: number): void {
    for (let r = 0; r < o.count; r++) {
      const info = o.info(r);
      let row = this.index.get(info.key);
      if (row === undefined) row = this.add(info.key, info, info.firstLine + lineBase);
      this.sums.mergeRow(row, o.sums, r);
      this.lines[row] = this.lines[row]! + o.lines[r]!;
      this.rejected[row] = this.rejected[row]! + o.rejected[r]!;
    }
  }

  /** After a structured clone (worker → main thread): the prototypes back. */
  static revive(o: EntityTable): EntityTable {
    ExactSlots.revive(o.sums);
    return Object.setPrototypeOf(o, EntityTable.prototype) as EntityTable;
  }
}

/** A BalanceRead whose `entities` are built from the table only when asked for (tests, small checks). */
export function balanceReadOf(r: Omit<BalanceRead, 'entities'>): BalanceRead {
  let cache: EntitySums[] | undefined;
  return Object.defineProperty({ ...r }, 'entities', {
    enumerable: true,
    get: () => (cache ??= Array.from({ length: r.table.count }, (_, i) => r.table.entity(i))),
  }) as BalanceRead;
}

export interface BalanceRead {
  file: string;
  bytes: number;
  /** Data lines (header and blank lines excluded). */
  lines: number;
  header: boolean;
  /** Every entity, in order of first appearance, as typed-array slots. */
  table: EntityTable;
  /** The same entities as objects, built on first access. */
  readonly entities: EntitySums[];
  rejectedCount: number;
  /** The first MAX_LISTED rejected lines, with line and column. */
  rejected: InputProblem[];
  /** Rejected lines that could not be tied to an entity (key columns unreadable). */
  unattributed: number;
}
