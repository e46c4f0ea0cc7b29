// Ledger header mapping: column names as people write them (any case, accents, spacing, order, synonyms) → ledger columns.
import { LEDGER_COLUMNS, OPTIONAL_COLUMNS } from '../model/ledger.js';
import { t } from '../messages/index.js';

export type LedgerColumn = (typeof LEDGER_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/**
 * Synonyms of each ledger column, as finance software and spreadsheets name them. Compared after `normalizeName`,
 * so case, accents, spaces, underscores and dots do not matter. Data, not code: a new export is one line here.
 */
export const COLUMN_SYNONYMS: Record<LedgerColumn, string[]> = {
  budget: ['budget', 'code budget', 'id budget'],
  exercice: ['exercice', 'annee', 'année', 'exercice budgétaire', 'year'],
  section: ['section', 'F/I', 'section budgétaire'],
  sens: ['sens', 'D/R', 'dépense/recette', 'dep/rec'],
  chapitre: ['chapitre', 'chap', 'chap.', 'chapitre budgétaire', 'code chapitre', 'chapter'],
  compte: ['compte', 'article', 'nature comptable', 'compte nature', 'imputation', 'account'],
  nature: ['nature', 'nature opération', "type d'opération", 'réel/ordre', 'type'],
  realise: ['realise', 'réalisé', 'mandaté', 'titré', 'mandaté/titré', 'réalisations', 'réalisation', 'montant réalisé', 'realise net'],
  rar: ['rar', 'restes à réaliser', 'reste à réaliser', 'restes a realiser', 'RAR 31/12'],
  credits_ouverts: ['credits_ouverts', 'crédits ouverts', 'credits ouverts', 'crédits votés', 'total crédits ouverts'],
  fonction: ['fonction', 'code fonction', 'fonctionnel'],
  operation: ['operation', 'opération', 'n° opération', 'numéro opération', "code d'opération"],
  libelle: ['libelle', 'libellé', 'intitulé', 'désignation', 'label'],
  rar_precedent: ['rar_precedent', 'rar précédent', 'restes à réaliser précédents', 'rar n-1', 'RAR 01/01'],
};

/** The columns a ledger cannot do without; `compte` and `nature` are optional (the plan settles them). */
export const REQUIRED_COLUMNS: readonly LedgerColumn[] = ['budget', 'exercice', 'section', 'sens', 'chapitre', 'realise', 'rar'];

/** Lowercase, accents off, every run of spaces / underscores / dots / hyphens as one space. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_.\-\u00a0\u202f]+/g, ' ')
    .trim();
}

const SYNONYMS = new Map<string, LedgerColumn>();
for (const [column, names] of Object.entries(COLUMN_SYNONYMS) as [LedgerColumn, string[]][]) {
  for (const n of names) SYNONYMS.set(normalizeName(n), column);
}

const ALL_COLUMNS = new Set<string>([...LEDGER_COLUMNS, ...OPTIONAL_COLUMNS]);
export const isLedgerColumn = (s: string): s is LedgerColumn => ALL_COLUMNS.has(s);

/** A user's mapping file (`--columns map.json`, or `columns` in the manifest): their column name → ledger column. */
export type ColumnMap = Record<string, string>;

export interface HeaderProblem {
  /** 0-based index of the header cell (or the header's length for a missing column). */
  index: number;
  message: string;
  value: string;
}

export interface MappedHeader {
  /** Ledger column → 0-based index in the record. */
  index: Map<LedgerColumn, number>;
  /** Columns matched to nothing: ignored, said in a notice. */
  ignored: { index: number; name: string }[];
  problems: HeaderProblem[];
}

function resolver(custom: ColumnMap | undefined): (cell: string) => LedgerColumn | 'ignore' | undefined {
  const own = new Map<string, LedgerColumn | 'ignore'>();
  for (const [from, to] of Object.entries(custom ?? {})) {
    if (to === 'ignore' || isLedgerColumn(to)) own.set(normalizeName(from), to);
  }
  return (cell) => {
    const n = normalizeName(cell);
    return own.get(n) ?? SYNONYMS.get(n);
  };
}

/** The problems of a mapping file itself (a target that is no ledger column), for the caller to report. */
export function columnMapProblems(custom: ColumnMap): string[] {
  return Object.entries(custom)
    .filter(([, to]) => to !== 'ignore' && !isLedgerColumn(to))
    .map(([from, to]) => t('read.columnMapTarget', { from: JSON.stringify(from), to: JSON.stringify(to), known: [...ALL_COLUMNS].join(', ') }));
}

/** How many of the required columns a row names: a header has most of them, a title row almost none. */
export function headerScore(cells: string[], custom?: ColumnMap): number {
  const resolve = resolver(custom);
  const found = new Set<string>();
  for (const c of cells) {
    const col = resolve(c);
    if (col && col !== 'ignore' && REQUIRED_COLUMNS.includes(col)) found.add(col);
  }
  return found.size;
}

/** A row is taken for the header when it names at least this many required columns. */
export const HEADER_MIN_SCORE = 3;

export function mapHeader(cells: string[], custom?: ColumnMap): MappedHeader {
  const resolve = resolver(custom);
  const index = new Map<LedgerColumn, number>();
  const ignored: { index: number; name: string }[] = [];
  const problems: HeaderProblem[] = [];
  cells.forEach((raw, i) => {
    const name = raw.trim();
    const col = resolve(name);
    if (col === 'ignore' || (col === undefined && name === '')) {
      if (name !== '') ignored.push({ index: i, name });
      return;
    }
    if (col === undefined) {
      ignored.push({ index: i, name });
      return;
    }
    const first = index.get(col);
    if (first !== undefined) {
      // Two columns read as one would either double a figure or silently drop one: never guess which.
      problems.push({ index: i, message: t('read.columnTwice', { col, first: first + 1, firstName: JSON.stringify(cells[first]!.trim()), second: i + 1, secondName: JSON.stringify(name) }), value: name });
      return;
    }
    index.set(col, i);
  });
  for (const col of REQUIRED_COLUMNS) {
    if (!index.has(col)) {
      problems.push({ index: cells.length, message: t('read.columnMissing', { col, required: REQUIRED_COLUMNS.join(', ') }), value: '' });
    }
  }
  return { index, ignored, problems };
}

export function ignoredNotice(file: string, ignored: { index: number; name: string }[]): string | undefined {
  if (ignored.length === 0) return undefined;
  const names = ignored.map((c) => JSON.stringify(c.name)).join(', ');
  return ignored.length > 1 ? t('read.columnsIgnoredMany', { file, names }) : t('read.columnsIgnoredOne', { file, names });
}
