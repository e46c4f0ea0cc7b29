// Messages of the command line: --help texts, usage errors, the error boundary's lines.
export const cli = {
  // The error boundary (src/cli/main.ts).
  errorPrefix: { en: 'error: {message}', fr: 'erreur : {message}' },
  inputProblems: {
    en: { one: '{n} problem in the input; nothing written', other: '{n} problems in the input; nothing written' },
    fr: { one: '{n} problème dans les données ; rien n’a été écrit', other: '{n} problèmes dans les données ; rien n’a été écrit' },
  },
  csvSyntax: { en: 'CSV syntax: {detail}', fr: 'syntaxe CSV : {detail}' },
  internalError: { en: 'internal error: {detail}', fr: 'erreur interne : {detail}' },
  moreProblems: {
    en: { one: '… and {n} more problem (not shown)', other: '… and {n} more problems (not shown)' },
    fr: { one: '… et {n} autre problème (non affiché)', other: '… et {n} autres problèmes (non affichés)' },
  },
  valueSuffix: { en: '(value: {value})', fr: '(valeur : {value})' },
  valuesSuffix: { en: '(values: {values})', fr: '(valeurs : {values})' },
  moreInFile: {
    en: { one: '{file}: … and {n} more distinct problem', other: '{file}: … and {n} more distinct problems' },
    fr: { one: '{file} : … et {n} autre problème distinct', other: '{file} : … et {n} autres problèmes distincts' },
  },
  collapsedLines: { en: '{first}–{last} ({n} lines)', fr: '{first}–{last} ({n} lignes)' },
  noticePrefix: { en: 'notice: {message}', fr: 'remarque : {message}' },

  // commander's own texts.
  helpUsage: { en: 'Usage:', fr: 'Utilisation :' },
  helpArguments: { en: 'Arguments:', fr: 'Arguments :' },
  helpOptions: { en: 'Options:', fr: 'Options :' },
  helpGlobalOptions: { en: 'Global Options:', fr: 'Options générales :' },
  helpCommands: { en: 'Commands:', fr: 'Commandes :' },
  helpDefault: { en: 'default:', fr: 'par défaut :' },
  helpChoices: { en: 'choices:', fr: 'choix :' },
  helpOption: { en: 'display help for command', fr: 'affiche l’aide de la commande' },
  helpCommand: { en: 'display help for command', fr: 'affiche l’aide d’une commande' },
  versionOption: { en: 'output the version number', fr: 'affiche le numéro de version' },
  langOption: {
    en: 'language of messages: fr or en (default: French when LC_ALL, LC_MESSAGES or LANG starts with fr)',
    fr: 'langue des messages : fr ou en (par défaut : français si LC_ALL, LC_MESSAGES ou LANG commence par fr)',
  },
  unknownLang: { en: 'unknown language {lang} (fr or en)', fr: 'langue inconnue {lang} (fr ou en)' },
  cmdUnknownOption: { en: "unknown option '{flag}'", fr: "option inconnue '{flag}'" },
  cmdUnknownCommand: { en: "unknown command '{name}'", fr: "commande inconnue '{name}'" },
  cmdMissingArgument: { en: "missing required argument '{name}'", fr: "argument obligatoire manquant : '{name}'" },
  cmdOptionArgumentMissing: { en: "option '{flags}' argument missing", fr: "option '{flags}' : valeur manquante" },
  cmdTooManyArguments: { en: 'too many arguments{rest}', fr: 'trop d’arguments{rest}' },
  cmdDidYouMean: { en: '(Did you mean {name}?)', fr: '(Vouliez-vous dire {name} ?)' },

  programDescription: {
    en: 'Compte administratif of French local authorities (M57), exact to the cent',
    fr: 'Compte administratif des collectivités locales (M57), exact au centime',
  },

  // Output options (render-options.ts, output.ts).
  formatOption: {
    en: 'output format: {formats} (default: table, or from the -o extension)',
    fr: 'format de sortie : {formats} (par défaut : table, ou selon l’extension de -o)',
  },
  outputOption: { en: 'write to FILE (atomically) instead of stdout', fr: 'écrit dans FICHIER (d’un seul coup) au lieu de la sortie standard' },
  localeOption: { en: 'number format of the table output: fr or en', fr: 'format des nombres des tableaux : fr ou en' },
  tableOption: {
    en: 'print only this table (repeatable; an id such as execution or affectation, or budget.exercice.id)',
    fr: 'n’affiche que ce tableau (répétable ; un identifiant comme execution ou affectation, ou budget.exercice.id)',
  },
  dialectOption: {
    en: 'CSV output dialect: neutral, or fr (semicolons, decimal comma, Windows-1252, as a French Excel opens it)',
    fr: 'dialecte des sorties CSV : neutral, ou fr (points-virgules, virgule décimale, Windows-1252, comme l’ouvre un Excel français)',
  },
  unknownDialect: { en: 'unknown dialect {dialect} (known: {known})', fr: 'dialecte inconnu {dialect} (connus : {known})' },
  dialectNeedsCsv: { en: '--dialect applies to CSV output only (the format is {format})', fr: '--dialect ne s’applique qu’aux sorties CSV (le format est {format})' },
  unknownFormat: { en: 'unknown format {format} (known: {known})', fr: 'format inconnu {format} (connus : {known})' },
  unknownExtension: {
    en: 'cannot tell the format of {file} from its extension: use an extension among {known}, or --format',
    fr: 'impossible de déduire le format de {file} de son extension : utilisez une extension parmi {known}, ou --format',
  },
  extensionNotYet: {
    en: '{file}: the {ext} format is not available in this version (known: {known})',
    fr: '{file} : le format {ext} n’est pas disponible dans cette version (connus : {known})',
  },
  unknownLocale: { en: 'unknown locale {locale} (fr or en)', fr: 'format de nombres inconnu {locale} (fr ou en)' },
  binaryToTerminal: {
    en: 'refusing to write {format} to a terminal: use -o FILE.{ext}',
    fr: 'refus d’écrire du {format} sur un terminal : utilisez -o FICHIER.{ext}',
  },
  binaryToTerminalAny: { en: 'refusing to write a binary format to a terminal: use -o FILE', fr: 'refus d’écrire un format binaire sur un terminal : utilisez -o FICHIER' },
  outputIsInput: { en: 'refusing to write {file}: it is an input of this run', fr: 'refus d’écrire {file} : c’est une entrée de cette exécution' },
  cannotWrite: { en: 'cannot write {file}: {reason}', fr: 'impossible d’écrire {file} : {reason}' },
  outputIsInputNamed: { en: 'refusing to write {file}: it is an input of this run ({input})', fr: 'refus d’écrire {file} : c’est une entrée de cette exécution ({input})' },
  outputSocket: { en: 'it is a socket (give a file, a FIFO or a device)', fr: 'c’est une socket (donnez un fichier, une FIFO ou un périphérique)' },
  outputFolder: { en: 'it is a folder', fr: 'c’est un dossier' },
  outputLinkLoop: { en: 'too many levels of symbolic links', fr: 'trop de niveaux de liens symboliques' },
  unknownTable: {
    en: 'no table {id} in this output (tables: {known})',
    fr: 'aucun tableau {id} dans cette sortie (tableaux : {known})',
  },

  // Input dialect options (dialect-options.ts).
  delimiterOption: {
    en: 'CSV delimiter of the ledgers: ";" "," "tab" or "|" (default: detected from the header)',
    fr: 'séparateur CSV des grands livres : ";" "," "tab" ou "|" (par défaut : détecté sur l’en-tête)',
  },
  decimalOption: {
    en: 'decimal mark of the ledgers\' amounts: "," or "." (default: detected from the amounts)',
    fr: 'séparateur décimal des montants : "," ou "." (par défaut : détecté sur les montants)',
  },
  encodingOption: {
    en: 'text encoding of the ledgers: utf-8, windows-1252, iso-8859-1 (default: UTF-8, else Windows-1252)',
    fr: 'encodage des grands livres : utf-8, windows-1252, iso-8859-1 (par défaut : UTF-8, sinon Windows-1252)',
  },
  columnsOption: {
    en: 'JSON file mapping the ledgers\' column names to ledger columns, such as "Montant mandaté": "realise" (default: manifest "columns", then the synonyms)',
    fr: 'fichier JSON associant les noms de colonnes des grands livres aux colonnes du grand livre, comme "Montant mandaté": "realise" (par défaut : "columns" du manifeste, puis les synonymes)',
  },
  sheetOption: { en: 'worksheet of XLSX ledgers (default: the first)', fr: 'feuille des grands livres XLSX (par défaut : la première)' },
  unknownDelimiter: { en: 'unknown delimiter {value} (";" "," "tab" or "|")', fr: 'séparateur inconnu {value} (";" "," "tab" ou "|")' },
  unknownDecimal: { en: 'unknown decimal mark {value} ("," or ".")', fr: 'séparateur décimal inconnu {value} ("," ou ".")' },
  unknownEncoding: { en: 'unknown encoding {value} (known: {known})', fr: 'encodage inconnu {value} (connus : {known})' },

  // compute.
  computeDescription: {
    en: 'compute the tables of the compte administratif of a budget folder, or of one ledger, TOTEM / CFU XML or SCDL CSV file',
    fr: 'calcule les tableaux du compte administratif d’un dossier budgétaire, ou d’un seul fichier (grand livre, XML TOTEM / CFU, CSV SCDL)',
  },
  computeFolderArg: {
    en: 'folder holding manifest.json and the ledgers, or one ledger (CSV / XLSX), TOTEM / CFU XML or SCDL CSV file',
    fr: 'dossier contenant manifest.json et les grands livres, ou un seul fichier : grand livre (CSV / XLSX), XML TOTEM / CFU ou CSV SCDL',
  },
  excludeCessionsOption: {
    en: 'leave proceeds of asset sales (775) out of real recettes in épargne',
    fr: 'exclut les produits de cessions (775) des recettes réelles dans l’épargne',
  },
  byOption: {
    en: 'entity: read <folder> as a DGFiP balance file, one line of results per entity and budget (csv or jsonl)',
    fr: 'entity : lit <dossier> comme une balance DGFiP, une ligne de résultats par entité et budget (csv ou jsonl)',
  },
  allowRejectsOption: {
    en: 'with --by entity: exit 0 even when some balance lines were rejected',
    fr: 'avec --by entity : code de sortie 0 même si des lignes de la balance ont été rejetées',
  },
  budgetOption: {
    en: 'with a single TOTEM / SCDL file: the budget id to use (default: from the file, its SIRET)',
    fr: 'avec un seul fichier TOTEM / SCDL : l’identifiant de budget à utiliser (par défaut : celui du fichier, son SIRET)',
  },
  nomenclatureOption: {
    en: 'with a single ledger or SCDL file, which names none: the plan de comptes (M57, M14_COM_500_3500…; default M57)',
    fr: 'avec un seul grand livre ou fichier SCDL, qui n’en nomme pas : le plan de comptes (M57, M14_COM_500_3500… ; par défaut M57)',
  },
  entiteOption: { en: 'with a single ledger file: the entity name shown in the headings', fr: 'avec un seul grand livre : le nom de l’entité affiché dans les titres' },
  unknownBy: { en: 'unknown --by {value} (entity)', fr: '--by inconnu : {value} (entity)' },
  computeHeading: { en: '{entity} — {what}', fr: '{entity} — {what}' },

  // diff.
  diffDescription: {
    en: 'compare two ledgers or budget folders line by line (exit 0: no difference, 1: differences, 2: unusable input)',
    fr: 'compare deux grands livres ou dossiers budgétaires ligne à ligne (sortie 0 : aucune différence, 1 : différences, 2 : données inutilisables)',
  },
  diffOldArg: {
    en: 'the older or reference side: a ledger file or a folder holding manifest.json',
    fr: 'le côté ancien ou de référence : un grand livre ou un dossier contenant manifest.json',
  },
  diffNewArg: { en: 'the newer side: a ledger file or a folder holding manifest.json', fr: 'le côté nouveau : un grand livre ou un dossier contenant manifest.json' },
  modeOption: {
    en: 'same-year (two versions of one exercice) or year-over-year (N−1 against N); default: from the exercices',
    fr: 'same-year (deux versions d’un exercice) ou year-over-year (N−1 contre N) ; par défaut : selon les exercices',
  },
  levelOption: { en: 'match lines by chapitre, or by compte where both sides detail accounts', fr: 'rapproche les lignes par chapitre, ou par compte quand les deux côtés détaillent les comptes' },
  minDeltaOption: { en: 'keep lines whose difference reaches AMOUNT euros (realised or RAR)', fr: 'garde les lignes dont l’écart atteint MONTANT euros (réalisé ou RAR)' },
  minPctOption: {
    en: 'keep lines whose relative difference reaches PCT % (lines with no base always pass)',
    fr: 'garde les lignes dont l’écart relatif atteint PCT % (les lignes sans base passent toujours)',
  },
  onlyChangedOption: { en: 'year-over-year: leave out unchanged lines (same-year always does)', fr: 'year-over-year : omet les lignes inchangées (same-year le fait toujours)' },
  allOption: { en: 'same-year: show unchanged lines too', fr: 'same-year : montre aussi les lignes inchangées' },
  sectionOption: { en: 'only section F (fonctionnement) or I (investissement)', fr: 'seulement la section F (fonctionnement) ou I (investissement)' },
  budgetOnlyOption: { en: 'only this budget', fr: 'seulement ce budget' },
  sortOption: { en: 'key, or delta (largest absolute difference first)', fr: 'key, ou delta (plus grand écart absolu d’abord)' },
  oldExerciceOption: { en: 'keep only this exercice of OLD', fr: 'ne garde que cet exercice de ANCIEN' },
  newExerciceOption: { en: 'keep only this exercice of NEW', fr: 'ne garde que cet exercice de NOUVEAU' },
  diffNomenclatureOption: {
    en: 'plan de comptes for a lone ledger file without manifest.json beside it (default M57)',
    fr: 'plan de comptes d’un grand livre seul, sans manifest.json à côté (par défaut M57)',
  },
  expectedOneOf: { en: '{option}: expected {allowed}, got {value}', fr: '{option} : attendu {allowed}, reçu {value}' },
  or: { en: ' or ', fr: ' ou ' },
  expectedYear: { en: '{option}: expected a year such as 2022, got {value}', fr: '{option} : attendu une année comme 2022, reçu {value}' },
  contradictOptions: { en: '{a} and {b} contradict each other', fr: '{a} et {b} se contredisent' },

  // convert.
  convertDescription: {
    en: 'convert a ledger between formats and dialects (CSV ↔ XLSX, French CSV ↔ neutral CSV), losing nothing',
    fr: 'convertit un grand livre entre formats et dialectes (CSV ↔ XLSX, CSV français ↔ CSV neutre), sans rien perdre',
  },
  convertInArg: { en: 'ledger file: .csv (any dialect, detected) or .xlsx', fr: 'grand livre : .csv (tout dialecte, détecté) ou .xlsx' },
  convertOutArg: { en: 'file to write: .csv or .xlsx ("-" for stdout, CSV only)', fr: 'fichier à écrire : .csv ou .xlsx ("-" pour la sortie standard, CSV seulement)' },
  convertNomenclatureOption: { en: 'plan de comptes the rows are checked against', fr: 'plan de comptes contre lequel les lignes sont vérifiées' },
  toOption: { en: 'dialect of a CSV output: neutral, fr (default: neutral)', fr: 'dialecte d’une sortie CSV : neutral, fr (par défaut : neutral)' },
  toEncodingOption: {
    en: "encoding of a CSV output (default: the dialect's; utf-8 for neutral, windows-1252 for fr)",
    fr: 'encodage d’une sortie CSV (par défaut : celui du dialecte ; utf-8 pour neutral, windows-1252 pour fr)',
  },

  // check.
  checkDescription: {
    en: 'check budget folders: identities, continuity, published figures and thresholds (exit 1 on an error-level finding)',
    fr: 'vérifie des dossiers budgétaires : identités, continuité, chiffres publiés et seuils (sortie 1 sur une erreur)',
  },
  checkPathsArg: {
    en: 'budget folders (each holding manifest.json), or folders of budget folders',
    fr: 'dossiers budgétaires (chacun avec son manifest.json), ou dossiers de dossiers budgétaires',
  },
  strictOption: { en: 'also run the strict-level checks', fr: 'lance aussi les contrôles de niveau strict' },
  onlyOption: {
    en: 'run only these checks (repeatable or comma-separated; a prefix such as identity selects identity.*)',
    fr: 'ne lance que ces contrôles (répétable ou séparés par des virgules ; un préfixe comme identity choisit identity.*)',
  },
  skipOption: { en: 'skip these checks (repeatable or comma-separated)', fr: 'saute ces contrôles (répétable ou séparés par des virgules)' },
  toleranceOption: {
    en: 'accept published amounts within this many euros of the computed figure (default: the printed unit only)',
    fr: 'accepte les montants publiés à moins de ce nombre d’euros du calcul (par défaut : l’unité imprimée seulement)',
  },
  populationOption: {
    en: 'inhabitants, for the L1612-14 referral level (default: manifest entite.population)',
    fr: 'nombre d’habitants, pour le seuil de saisine L1612-14 (par défaut : entite.population du manifeste)',
  },
  plafondOption: {
    en: 'ceiling of the capacité de désendettement (default: manifest, else the LPFP reference of the category)',
    fr: 'plafond de la capacité de désendettement (par défaut : le manifeste, sinon la référence LPFP de la catégorie)',
  },
  checkFormatOption: { en: 'output format: {formats} (default: text, or from the -o extension)', fr: 'format de sortie : {formats} (par défaut : text, ou selon l’extension de -o)' },
  checkOutputOption: { en: 'write the report to FILE (atomically) instead of stdout', fr: 'écrit le rapport dans FICHIER (d’un seul coup) au lieu de la sortie standard' },
  compteGestionOption: {
    en: "compare each budget's section results with this DGFiP balance, the accountant's compte de gestion (concordance.compte-gestion)",
    fr: 'compare les résultats de section de chaque budget à cette balance DGFiP, le compte de gestion du comptable (concordance.compte-gestion)',
  },
  listChecksOption: { en: 'list the checks (id, level, title) and exit', fr: 'liste les contrôles (id, niveau, titre) et s’arrête' },
  severityOption: {
    en: 'show findings of this severity and above: error, warning or info (default: warning on a terminal, info elsewhere; the exit code does not change)',
    fr: 'montre les constats de cette gravité et au-dessus : error, warning ou info (par défaut : warning sur un terminal, info ailleurs ; le code de sortie ne change pas)',
  },
  unknownSeverity: { en: 'unknown severity {value} (error, warning or info)', fr: 'gravité inconnue {value} (error, warning ou info)' },
  missingPaths: { en: "missing required argument 'paths'", fr: "argument obligatoire manquant : 'paths'" },
  positiveNumber: { en: '--{name} must be a positive number, not {value}', fr: '--{name} doit être un nombre positif, pas {value}' },
  positiveWhole: { en: '--{name} must be a positive whole number, not {value}', fr: '--{name} doit être un nombre entier positif, pas {value}' },
  badTolerance: {
    en: '--tolerance must be an amount in euros such as 1 or 0.50, not {value}',
    fr: '--tolerance doit être un montant en euros comme 1 ou 0.50, pas {value}',
  },
  errorsFound: { en: { one: '{n} error found', other: '{n} errors found' }, fr: { one: '{n} erreur trouvée', other: '{n} erreurs trouvées' } },
  initDescription: {
    en: 'create a budget folder: manifest.json and a template ledger.xlsx (drop-down lists, the plan\'s chapters), or the ledgers of a TOTEM / CFU / SCDL file (--from)',
    fr: 'crée un dossier budgétaire : manifest.json et un grand livre modèle ledger.xlsx (listes déroulantes, chapitres du plan), ou les lignes d’un fichier TOTEM / CFU / SCDL (--from)',
  },
  initDirArg: { en: 'the folder to create (it must not hold a manifest.json yet)', fr: 'le dossier à créer (il ne doit pas encore contenir de manifest.json)' },
  initEntiteOption: { en: 'name of the entity (commune, syndicat…)', fr: 'nom de l’entité (commune, syndicat…)' },
  initCategorieOption: { en: 'category of the entity: {known}', fr: 'catégorie de l’entité : {known}' },
  initNomenclatureOption: { en: 'plan de comptes: M57, M57_A, M57_D, M14…', fr: 'plan de comptes : M57, M57_A, M57_D, M14…' },
  initExerciceOption: { en: 'exercice of the template (default: last year)', fr: 'exercice du modèle (par défaut : l’an dernier)' },
  initBudgetOption: { en: 'budget ids (repeatable; default: principal)', fr: 'identifiants des budgets (répétable ; par défaut : principal)' },
  initFromOption: { en: 'a TOTEM / CFU XML or SCDL CSV file whose lines become the folder\'s neutral ledger', fr: 'un fichier XML TOTEM / CFU ou CSV SCDL dont les lignes deviennent le grand livre neutre du dossier' },
  initUnknownCategorie: { en: 'unknown --categorie {value} (known: {known})', fr: '--categorie inconnue : {value} (connues : {known})' },
  initExists: { en: '{dir} already holds a manifest.json: init never overwrites a folder', fr: '{dir} contient déjà un manifest.json : init n’écrase jamais un dossier' },
  initDone: {
    en: '{dir}: manifest.json and ledger.xlsx written (plan {plan}, exercice {exercice}); fill ledger.xlsx in, then: sitiv-ca compute {dir}',
    fr: '{dir} : manifest.json et ledger.xlsx écrits (plan {plan}, exercice {exercice}) ; remplissez ledger.xlsx, puis : sitiv-ca compute {dir}',
  },
  initFromBudget: {
    en: '{dir}: manifest.json written and {file} copied as {name} (a budget document carries votes, not an execution: no neutral ledger holds them)',
    fr: '{dir} : manifest.json écrit et {file} copié sous le nom {name} (un document budgétaire porte des votes, pas une exécution : aucun grand livre neutre ne les contient)',
  },
  initPrompt: { en: '{question} [{fallback}]: ', fr: '{question} [{fallback}] : ' },
  initAskEntite: { en: 'Name of the entity (empty: none)', fr: 'Nom de l’entité (vide : aucun)' },
  initAskCategorie: { en: 'Category ({known})', fr: 'Catégorie ({known})' },
  initAskNomenclature: { en: 'Plan de comptes (M57, M57_A, M57_D, M14…)', fr: 'Plan de comptes (M57, M57_A, M57_D, M14…)' },
  initAskExercice: { en: 'Exercice', fr: 'Exercice' },
  initAskBudget: { en: 'Budgets (ids separated by commas)', fr: 'Budgets (identifiants séparés par des virgules)' },
  initBadBudget: {
    en: 'budget id {value}: letters, digits, - and _ only, at most 32',
    fr: 'identifiant de budget {value} : lettres, chiffres, - et _ seulement, 32 au plus',
  },
  initFromDone: {
    en: { one: '{dir}: manifest.json and ledger.csv written from {file} ({n} row)', other: '{dir}: manifest.json and ledger.csv written from {file} ({n} rows)' },
    fr: { one: '{dir} : manifest.json et ledger.csv écrits à partir de {file} ({n} ligne)', other: '{dir} : manifest.json et ledger.csv écrits à partir de {file} ({n} lignes)' },
  },
} as const;
