// The SCDL budget columns (scdl/budget 0.8.x, in file order) and the header test that tells an SCDL file from a ledger CSV.

export const SCDL_COLUMNS = [
  'BGT_NATDEC',
  'BGT_ANNEE',
  'BGT_SIRET',
  'BGT_NOM',
  'BGT_CONTNAT',
  'BGT_CONTNAT_LABEL',
  'BGT_NATURE',
  'BGT_NATURE_LABEL',
  'BGT_FONCTION',
  'BGT_FONCTION_LABEL',
  'BGT_OPERATION',
  'BGT_SECTION',
  'BGT_OPBUDG',
  'BGT_CODRD',
  'BGT_MTREAL',
  'BGT_MTBUDGPREC',
  'BGT_MTRARPREC',
  'BGT_MTPROPNOUV',
  'BGT_MTPREV',
  'BGT_CREDOUV',
  'BGT_MTRAR3112',
  'BGT_ARTSPE',
] as const;

/** The columns the reader cannot do without; the others may be absent from older or trimmed exports. */
export const SCDL_REQUIRED = ['BGT_NATDEC', 'BGT_ANNEE', 'BGT_SIRET', 'BGT_CONTNAT', 'BGT_NATURE', 'BGT_SECTION', 'BGT_OPBUDG', 'BGT_CODRD', 'BGT_MTREAL'];

/** Whether a header line (any delimiter, quoted or not) is an SCDL budget header. */
export function isScdlHeader(headerLine: string): boolean {
  const cells = headerLine
    .replace(/^\ufeff/, '')
    .split(/[,;\t|]/)
    .map((c) => c.trim().replace(/^"(.*)"$/, '$1').toUpperCase());
  return cells.includes('BGT_NATURE') && cells.includes('BGT_CODRD') && cells.includes('BGT_NATDEC');
}
