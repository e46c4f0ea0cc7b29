// The EMPRUNT annex of a TOTEM document → the authority's own loans, for the état de la dette.
import type { InputProblem } from '../../errors.js';
import { parsePlainAmount, type Cents } from '../../money/cents.js';
import type { AnnexLoan } from '../../model/annex.js';
import { decodeLabel } from './decode-label.js';

/** One loan record of the annex (own, refinancing or guaranteed). Amounts in cents; undefined when the file leaves them out. */
export interface EmpruntRow extends AnnexLoan {
  file: string;
  numero: string;
  objet: string;
  preteur: string;
  /** Chapter-16 account of the loan (CodArticle), e.g. 1641. */
  compte: string;
}

/** Text fields of a record kept as written (trimmed), for the debt audit: rate type, maturity, guarantee. */
const TEXT_FIELDS: readonly [keyof AnnexLoan, readonly string[]][] = [
  ['typeTaux', ['CodTyptxDtVote', 'CodTyptxInit']],
  ['dureeRestante', ['DureeRest']],
  ['profilAmort', ['CodProfilAmort']],
  ['beneficiaire', ['NomBenefEmprGaranti']],
  ['typeGarantie', ['CodTypEmprGaranti']],
  ['partGarantie', ['PartGarantie']],
];

export interface EmpruntsRead {
  /** Every loan record of the annex with its CodTypEmpr (01/02 own, 05–08 refinancing, 09 guaranteed…). */
  all: EmpruntRow[];
  /** The authority's own debt as the multi-year état de la dette sums it (CodTypEmpr 01, 02 only). */
  own: EmpruntRow[];
  /** CodTypEmpr 09: loans the authority guarantees, left out of its debt. */
  guaranteed: number;
  /** Total and summary records (no contract, no account; CodTypEmpr 10 ratio elements), left out. */
  summaries: number;
  /** Ratio elements of CodTypEmpr 10 (RReelFon…), by field. */
  ratioFields: Map<string, string>;
}

/** CodTypEmpr of loans guaranteed by the authority (annexe IV-B1.5 side), never its own debt. */
const GUARANTEED = new Set(['09']);
/** CodTypEmpr of the authority's own loans proper (01 emprunt, 02 for another body); 05–08 are refinancing pairs. */
const OWN = new Set(['01', '02', '']);

export class EmpruntCollector {
  private readonly read: EmpruntsRead = { all: [], own: [], guaranteed: 0, summaries: 0, ratioFields: new Map() };
  readonly problems: InputProblem[] = [];

  constructor(private readonly file: string) {}

  add(fields: Map<string, string>, line: number): void {
    const type = (fields.get('CodTypEmpr') ?? '').trim();
    const compte = (fields.get('CodArticle') ?? '').trim();
    const numero = (fields.get('NumContrat') ?? '').trim();
    // Summary records (e.g. CodTypEmpr 10 with RReelFon) name neither an account nor a contract.
    if (compte === '' && numero === '' && !GUARANTEED.has(type)) {
      this.read.summaries++;
      for (const [k, v] of fields) if (k !== 'CodTypEmpr') this.read.ratioFields.set(k, v);
      return;
    }
    const money = (name: string): Cents | undefined => {
      const text = (fields.get(name) ?? '').trim();
      if (text === '') return undefined;
      const v = parsePlainAmount(text);
      if (v === undefined) this.problems.push({ file: this.file, line, column: name, message: 'not an amount', value: text });
      return v;
    };
    const row: EmpruntRow = {
      file: this.file,
      line,
      numero,
      objet: decodeLabel(fields.get('ObjEmpr') ?? ''),
      preteur: decodeLabel(fields.get('LibOrgaPreteur') ?? ''),
      compte,
      type,
    };
    for (const [key, names] of TEXT_FIELDS) {
      const v = names.map((n) => decodeLabel(fields.get(n) ?? '').trim()).find((x) => x !== '');
      if (v !== undefined) (row as unknown as Record<string, string>)[key] = v;
    }
    const year = Number((fields.get('AnEncaisse') ?? '').trim());
    if (Number.isInteger(year) && year > 1900) row.anneeEncaissement = year;
    const set = (key: 'montantInitial' | 'encours0101' | 'encours3112' | 'interets' | 'amortissement', name: string) => {
      const v = money(name);
      if (v !== undefined) row[key] = v;
    };
    set('montantInitial', 'MtEmprOrig');
    set('encours0101', 'MtCapitalRestDu_01_01');
    set('encours3112', 'MtCapitalRestDu_31_12');
    set('interets', 'MtIntExer');
    set('amortissement', 'MtCapitalExer');
    this.read.all.push(row);
    if (GUARANTEED.has(type)) this.read.guaranteed++;
    else if (OWN.has(type)) this.read.own.push(row);
  }

  result(): EmpruntsRead {
    return this.read;
  }
}

export interface DetteTotals {
  encours0101: Cents;
  encours3112: Cents;
  interets: Cents;
  amortissement: Cents;
  emprunts: number;
}

/** Sums the own loans: the état de la dette's totals line. */
export function detteTotals(rows: readonly EmpruntRow[]): DetteTotals {
  const t: DetteTotals = { encours0101: 0n, encours3112: 0n, interets: 0n, amortissement: 0n, emprunts: rows.length };
  for (const r of rows) {
    t.encours0101 += r.encours0101 ?? 0n;
    t.encours3112 += r.encours3112 ?? 0n;
    t.interets += r.interets ?? 0n;
    t.amortissement += r.amortissement ?? 0n;
  }
  return t;
}
