// Which CodTypEmpr of the TOTEM / CFU EMPRUNT annex feeds which column of the état de la dette (docs/formats.md repeats it).

export type DebtColumn = 'encours0101' | 'amortissement' | 'interets' | 'empruntsNouveaux' | 'encours3112';
export type EmpruntRole = 'propre' | 'refinancement-nouveau' | 'refinancement-ancien' | 'garanti' | 'ratio';

export interface EmpruntType {
  code: string;
  label: string;
  role: EmpruntRole;
  /** Columns of the authority's own debt the code feeds; none for guaranteed loans and ratio rows. */
  columns: readonly DebtColumn[];
}

const ALL: readonly DebtColumn[] = ['encours0101', 'amortissement', 'interets', 'empruntsNouveaux', 'encours3112'];

/**
 * A refinancing appears twice: the refinanced loan (06, 08) brings its capital due at 01/01 and its repayment,
 * the new loan (05, 07) its drawing and its capital due at 31/12, so the pair is counted once (the 05's capital due
 * at 01/01 is the 06's capital, not a second debt). Interest is paid on both within the year, and so is any
 * repayment the new loan already made. 09 (guaranteed) and 10 (ratio elements) are never the authority's debt.
 */
export const EMPRUNT_TYPES: readonly EmpruntType[] = [
  { code: '01', label: 'Emprunt', role: 'propre', columns: ALL },
  { code: '02', label: 'Emprunt pour le compte d’un autre organisme', role: 'propre', columns: ALL },
  { code: '05', label: 'Refinancement: nouvel emprunt', role: 'refinancement-nouveau', columns: ['amortissement', 'interets', 'empruntsNouveaux', 'encours3112'] },
  { code: '06', label: 'Refinancement: emprunt refinancé', role: 'refinancement-ancien', columns: ['encours0101', 'amortissement', 'interets'] },
  { code: '07', label: 'Autre refinancement: nouvel emprunt', role: 'refinancement-nouveau', columns: ['amortissement', 'interets', 'empruntsNouveaux', 'encours3112'] },
  { code: '08', label: 'Autre refinancement: emprunt refinancé', role: 'refinancement-ancien', columns: ['encours0101', 'amortissement', 'interets'] },
  { code: '09', label: 'Emprunt garanti', role: 'garanti', columns: [] },
  { code: '10', label: 'Éléments de calcul des ratios', role: 'ratio', columns: [] },
];

export function empruntType(code: string): EmpruntType | undefined {
  // Files without CodTypEmpr are plain loans.
  return EMPRUNT_TYPES.find((t) => t.code === (code === '' ? '01' : code));
}
