// Messages of the ledger domain (keys `ledger.*`): the ledger CSV reader, its header mapping, row tolerance and row validation, French and English side by side.
export const ledger = {
  // The file and its lines (read/csv-ledger.ts).
  emptyFile: {
    en: 'empty file: expected a header naming the ledger columns (budget, exercice, section, sens, chapitre, compte, nature, realise, rar)',
    fr: 'fichier vide : un en-tête nommant les colonnes du registre est attendu (budget, exercice, section, sens, chapitre, compte, nature, realise, rar)',
  },
  fieldCount: { en: 'expected {expected} fields, found {found}', fr: '{expected} champs attendus, {found} trouvés' },
  repeatedLine: {
    en: 'line repeats the key of line {first} (budget, exercice, section, sens, chapitre, compte, nature, fonction, operation)',
    fr: 'la ligne répète la clé de la ligne {first} (budget, exercice, section, sens, chapitre, compte, nature, fonction, operation)',
  },
  amountProblem: { en: '{column}: {error}', fr: '{column} : {error}' },
  titleRows: {
    en: { one: '{file}: {n} title row above the header skipped', other: '{file}: {n} title rows above the header skipped' },
    fr: { one: '{file} : {n} ligne de titre au-dessus de l’en-tête ignorée', other: '{file} : {n} lignes de titre au-dessus de l’en-tête ignorées' },
  },
  blankRows: {
    en: { one: '{file}: {n} blank row skipped', other: '{file}: {n} blank rows skipped' },
    fr: { one: '{file} : {n} ligne vide ignorée', other: '{file} : {n} lignes vides ignorées' },
  },
  inchMarkLine: {
    en: '{file}: a " inside an unquoted field is read as text (an inch mark?) on line {lines}',
    fr: '{file} : un " dans un champ sans guillemets est lu comme du texte (un signe pouce ?) à la ligne {lines}',
  },
  inchMarkLines: {
    en: '{file}: a " inside an unquoted field is read as text (an inch mark?) on lines {lines}',
    fr: '{file} : un " dans un champ sans guillemets est lu comme du texte (un signe pouce ?) aux lignes {lines}',
  },
  andMore: { en: '{shown} and {more} more', fr: '{shown} et {more} de plus' },
  headerOnly: {
    en: '{file}: the ledger holds only its header: no line is read from it',
    fr: '{file} : le grand livre ne contient que son en-tête : aucune ligne n’en est lue',
  },

  // Amounts and the shape of the code cells (read/ledger-record.ts).
  moreThanTwoDecimals: { en: 'more than two decimals', fr: 'plus de deux décimales' },
  notAnAmount: {
    en: 'not an amount (expected digits, optional leading "-", "." and at most two decimals)',
    fr: 'pas un montant (des chiffres attendus, un "-" en tête au besoin, "." et au plus deux décimales)',
  },
  badBudget: { en: 'budget must be a short id (letters, digits, _ or -)', fr: 'budget doit être un identifiant court (lettres, chiffres, _ ou -)' },
  badExercice: { en: 'exercice must be a year such as 2022', fr: 'exercice doit être une année, par exemple 2022' },
  badSection: { en: 'section must be F or I', fr: 'section doit valoir F ou I' },
  badSens: { en: 'sens must be D or R', fr: 'sens doit valoir D ou R' },
  badChapitre: { en: 'chapitre must be a chapter code (digits) or empty', fr: 'chapitre doit être un code de chapitre (des chiffres) ou vide' },
  badCompte: { en: 'compte must be an account number or empty', fr: 'compte doit être un numéro de compte ou vide' },
  badNature: { en: 'nature must be reel, ordre or empty', fr: 'nature doit valoir reel, ordre ou être vide' },

  // The header (read/header-map.ts).
  columnMapTarget: {
    en: 'column {from} maps to {to}, which is no ledger column (known: {known}, or "ignore")',
    fr: 'la colonne {from} est associée à {to}, qui n’est pas une colonne du registre (connues : {known}, ou "ignore")',
  },
  columnTwice: {
    en: 'column {column} given twice (columns {first} {firstName} and {second} {secondName})',
    fr: 'colonne {column} donnée deux fois (colonnes {first} {firstName} et {second} {secondName})',
  },
  missingColumn: {
    en: 'missing column {column} (a ledger needs {required}; compte and nature are optional)',
    fr: 'colonne {column} manquante (un registre demande {required} ; compte et nature sont facultatives)',
  },
  columnIgnored: {
    en: '{file}: column {names} ignored (not a ledger column; map it with --columns FILE or "columns" in manifest.json)',
    fr: '{file} : colonne {names} ignorée (pas une colonne du registre ; associez-la avec --columns FICHIER ou "columns" dans manifest.json)',
  },
  columnsIgnored: {
    en: '{file}: columns {names} ignored (not a ledger column; map them with --columns FILE or "columns" in manifest.json)',
    fr: '{file} : colonnes {names} ignorées (pas des colonnes du registre ; associez-les avec --columns FICHIER ou "columns" dans manifest.json)',
  },

  // Spreadsheet tolerance (read/row-tolerance.ts).
  restored: {
    en: {
      one: '{file}: chapitre {from} read as {to} (Excel drops leading zeros), {n} line',
      other: '{file}: chapitre {from} read as {to} (Excel drops leading zeros), {n} lines',
    },
    fr: {
      one: '{file} : chapitre {from} lu comme {to} (Excel supprime les zéros de tête), {n} ligne',
      other: '{file} : chapitre {from} lu comme {to} (Excel supprime les zéros de tête), {n} lignes',
    },
  },
  didYouMean: { en: ' (did you mean {codes}?)', fr: ' (vouliez-vous dire {codes} ?)' },
  orList: { en: '{list} or {last}', fr: '{list} ou {last}' },

  // The plan de comptes (read/validate-row.ts).
  noChapterForFlow: {
    en: 'account {compte} has no chapter for a {nature} {sens} flow in plan {plan}',
    fr: 'le compte {compte} n’a pas de chapitre pour un flux {nature} {sens} dans le plan {plan}',
  },
  totalWithNature: {
    en: 'a section total (empty chapitre) must have an empty nature',
    fr: 'un total de section (chapitre vide) doit avoir une nature vide',
  },
  totalWithCompte: {
    en: 'a section total (empty chapitre) must have an empty compte',
    fr: 'un total de section (chapitre vide) doit avoir un compte vide',
  },
  totalWithRar: {
    en: 'a section total (empty chapitre) carries no restes à réaliser: put them on chapter rows',
    fr: 'un total de section (chapitre vide) ne porte pas de restes à réaliser : mettez-les sur les lignes de chapitre',
  },
  unknownChapter: { en: 'unknown chapter {chapitre} in plan {plan}{hint}', fr: 'chapitre {chapitre} inconnu dans le plan {plan}{hint}' },
  chapterSection: {
    en: 'chapter {chapitre} belongs to section {section} ({sectionName}), not {given}{hint}',
    fr: 'le chapitre {chapitre} appartient à la section {section} ({sectionName}), pas {given}{hint}',
  },
  chapterSens: {
    en: 'chapter {chapitre} cannot carry sens {sens} (only {allowed}){hint}',
    fr: 'le chapitre {chapitre} ne peut pas porter le sens {sens} (seulement {allowed}){hint}',
  },
  orderChapter: {
    en: 'chapter {chapitre} is an order-operation chapter: nature must be ordre',
    fr: 'le chapitre {chapitre} est un chapitre d’opérations d’ordre : nature doit valoir ordre',
  },
  carriedNature: {
    en: 'chapter {chapitre} is a carried result: nature must be empty',
    fr: 'le chapitre {chapitre} est un résultat reporté : nature doit être vide',
  },
  carriedCompte: {
    en: 'chapter {chapitre} is a carried result: compte must be empty',
    fr: 'le chapitre {chapitre} est un résultat reporté : compte doit être vide',
  },
  noExecution: {
    en: 'chapter {chapitre} carries no execution (budget only): realise and rar must be empty',
    fr: 'le chapitre {chapitre} ne porte pas d’exécution (budget seulement) : realise et rar doivent être vides',
  },
  realChapter: {
    en: 'chapter {chapitre} holds real operations: nature must be reel',
    fr: 'le chapitre {chapitre} porte des opérations réelles : nature doit valoir reel',
  },
  unknownAccount: { en: 'unknown account {compte} in plan {plan}', fr: 'compte {compte} inconnu dans le plan {plan}' },
  accountFlow: {
    en: 'account {compte} cannot carry a {nature} {sens} flow in plan {plan}',
    fr: 'le compte {compte} ne peut pas porter un flux {nature} {sens} dans le plan {plan}',
  },
  accountChapter: {
    en: 'account {compte} is budgeted in chapter {expected} for a {nature} {sens} flow, not {chapitre}',
    fr: 'le compte {compte} est budgété au chapitre {expected} pour un flux {nature} {sens}, pas {chapitre}',
  },
} as const;
