// Messages of the input domain (keys `input.*`): added by the work on it, French and English side by side.
export const input = {
  utf16OddBytes: {
    en: 'not valid UTF-16LE text: the file ends in the middle of a character (an odd number of bytes, {bytes}); the file was cut or is not UTF-16',
    fr: 'texte UTF-16LE invalide : le fichier s’arrête au milieu d’un caractère (un nombre impair d’octets, {bytes}) ; le fichier a été coupé ou n’est pas en UTF-16',
  },
  utf16LoneSurrogate: {
    en: 'not valid UTF-16LE text: a lone surrogate (U+{unit}) with no other half; the file was cut or edited byte by byte',
    fr: 'texte UTF-16LE invalide : une demi-paire de substitution (U+{unit}) sans son autre moitié ; le fichier a été coupé ou modifié octet par octet',
  },
  utf16BigEndian: {
    en: 'UTF-16 big-endian text (BOM FE FF) is not read: save the file as UTF-8 (or UTF-16LE)',
    fr: 'le texte UTF-16 gros-boutiste (BOM FE FF) n’est pas lu : enregistrez le fichier en UTF-8 (ou UTF-16LE)',
  },
  folderLinkFollowed: {
    en: '{link} → {target}: a symbolic link to a budget folder, followed',
    fr: '{link} → {target} : lien symbolique vers un dossier de budget, suivi',
  },
  folderLinkDangling: {
    en: '{link} → {target}: a symbolic link that leads to nothing',
    fr: '{link} → {target} : lien symbolique qui ne mène à rien',
  },
  foldersUnusable: {
    en: {
      one: '{n} folder unusable ({folders}): its problems are in the report; the other folders were checked',
      other: '{n} folders unusable ({folders}): their problems are in the report; the other folders were checked',
    },
    fr: {
      one: '{n} dossier inutilisable ({folders}) : ses problèmes figurent dans le rapport ; les autres dossiers ont été contrôlés',
      other: '{n} dossiers inutilisables ({folders}) : leurs problèmes figurent dans le rapport ; les autres dossiers ont été contrôlés',
    },
  },
  unknownNomenclature: {
    en: '{key}: no plan de comptes for this nomenclature (known: {known})',
    fr: '{key} : aucun plan de comptes pour cette nomenclature (connues : {known})',
  },
  controlsDropped: {
    en: {
      one: '{file}: a control character dropped from {field} on {n} line (an XLSX cell cannot hold it): line {lines}',
      other: '{file}: control characters dropped from {field} on {n} lines (an XLSX cell cannot hold them): lines {lines}',
    },
    fr: {
      one: '{file} : caractère de contrôle retiré de {field} sur {n} ligne (une cellule XLSX ne peut pas le contenir) : ligne {lines}',
      other: '{file} : caractères de contrôle retirés de {field} sur {n} lignes (une cellule XLSX ne peut pas les contenir) : lignes {lines}',
    },
  },
  budgetWithoutLine: {
    en: '{manifest}: budget {budget} has no line in any ledger ({ledgers})',
    fr: '{manifest} : le budget {budget} n’a aucune ligne dans les grands livres ({ledgers})',
  },
  siretLength: {
    en: { one: 'a SIRET is 14 digits; this one is {n} character long', other: 'a SIRET is 14 digits; this one is {n} characters long' },
    fr: { one: 'un SIRET a 14 chiffres ; celui-ci a {n} caractère', other: 'un SIRET a 14 chiffres ; celui-ci a {n} caractères' },
  },
  siretLengthNonDigits: {
    en: { one: 'a SIRET is 14 digits; this one is {n} character long with non-digits', other: 'a SIRET is 14 digits; this one is {n} characters long with non-digits' },
    fr: { one: 'un SIRET a 14 chiffres ; celui-ci a {n} caractère, dont des non-chiffres', other: 'un SIRET a 14 chiffres ; celui-ci a {n} caractères, dont des non-chiffres' },
  },
  siretKey: {
    en: 'this SIRET fails its Luhn key (a mistyped or blanked identifier)',
    fr: 'ce SIRET ne vérifie pas sa clé de Luhn (identifiant mal saisi ou masqué)',
  },
  natDecUnknown: {
    en: 'unknown NatDec {value} (known: {known}): read as a budget document',
    fr: 'NatDec {value} inconnue (connues : {known}) : lu comme un document budgétaire',
  },
  calculatedLeftOut: {
    en: { one: '{file}: {n} calculated line left out of every sum; {checked}', other: '{file}: {n} calculated lines left out of every sum; {checked}' },
    fr: { one: '{file} : {n} ligne calculée exclue de toute somme ; {checked}', other: '{file} : {n} lignes calculées exclues de toute somme ; {checked}' },
  },
  declaredChecked: {
    en: { one: '{n} declared chapter amount checked against their lines, {wrong} differ', other: '{n} declared chapter amounts checked against their lines, {wrong} differ' },
    fr: { one: '{n} montant de chapitre déclaré comparé à ses lignes, {wrong} diffèrent', other: '{n} montants de chapitre déclarés comparés à leurs lignes, {wrong} diffèrent' },
  },
  declaredSeeCheck: { en: '{checked} (see sitiv-ca check)', fr: '{checked} (voir sitiv-ca check)' },
} as const;
