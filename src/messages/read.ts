// Messages of the readers: input problems and notices about ledgers, manifests, TOTEM / CFU / SCDL files.
export const read = {
  linesMerged: {
    en: {
      one: '{file}: {n} line merged into an earlier line of the same chapter and account (the file repeats them per fonction or opération): {lines} lines → {rows} rows',
      other: '{file}: {n} lines merged into an earlier line of the same chapter and account (the file repeats them per fonction or opération): {lines} lines → {rows} rows',
    },
    fr: {
      one: '{file} : {n} ligne fusionnée avec une ligne précédente du même chapitre et compte (le fichier les répète par fonction ou opération) : {lines} lignes → {rows} lignes',
      other: '{file} : {n} lignes fusionnées avec une ligne précédente du même chapitre et compte (le fichier les répète par fonction ou opération) : {lines} lignes → {rows} lignes',
    },
  },
  budgetNotExecution: {
    en: '{file}: {document} is a budget, not an execution: realised amounts and RAR are 0; the carried 001/002 and the 1068 taken over are the amounts voted ({field})',
    fr: '{file} : {document} est un budget, pas une exécution : réalisations et RAR valent 0 ; les 001/002 reportés et le 1068 repris sont les montants votés ({field})',
  },
  nomenclatureIgnored: {
    en: '{file}: the file names its nomenclature ({nomenclature}); --nomenclature is not used',
    fr: '{file} : le fichier nomme sa nomenclature ({nomenclature}) ; --nomenclature n’est pas utilisé',
  },
  aloneAssumptions: {
    en: '{file}: read without a folder or manifest.json, assuming: plan de comptes {plan} for the exercices {years}; one budget per budget value ({budgets}), labelled by it; entity {entity}. sitiv-ca init DIR writes a manifest to change them',
    fr: '{file} : lu sans dossier ni manifest.json, en supposant : plan de comptes {plan} pour les exercices {years} ; un budget par valeur de budget ({budgets}), libellé par elle ; entité {entity}. sitiv-ca init DOSSIER écrit un manifeste pour les changer',
  },
  aloneDefaultPlan: { en: '{plan} (the default; --nomenclature to change)', fr: '{plan} (par défaut ; --nomenclature pour le changer)' },
  aloneNoEntity: { en: 'unnamed (--entite NAME to name it)', fr: 'sans nom (--entite NOM pour la nommer)' },
  unknownNomenclature: { en: 'unknown --nomenclature {value} (known: {known})', fr: '--nomenclature inconnue : {value} (connues : {known})' },
  planNamedByDocument: { en: '{norme} without declinaison{after}: {decl}, named by the document', fr: '{norme} sans déclinaison{after} : {decl}, nommée par le document' },
  planAfter: { en: ' after {year}', fr: ' après {year}' },
  planByPopulation: { en: '{norme} without declinaison{after}: {decl}, population {pop}{cmp}', fr: '{norme} sans déclinaison{after} : {decl}, population {pop}{cmp}' },
  planM57Default: { en: 'M57 without declinaison after {year}, neither a declinaison named nor a population: M57_D (développée) chosen', fr: 'M57 sans déclinaison après {year}, ni déclinaison nommée ni population : M57_D (développée) retenue' },
  planM14Default: { en: 'M14 without declinaison or population: M14_COM_SUP3500 chosen', fr: 'M14 sans déclinaison ni population : M14_COM_SUP3500 retenue' },
  columnMapTarget: { en: 'column {from} maps to {to}, which is no ledger column (known: {known}, or "ignore")', fr: 'la colonne {from} est associée à {to}, qui n’est pas une colonne du grand livre (connues : {known}, ou "ignore")' },
  columnTwice: { en: 'column {col} given twice (columns {first} {firstName} and {second} {secondName})', fr: 'colonne {col} donnée deux fois (colonnes {first} {firstName} et {second} {secondName})' },
  columnMissing: { en: 'missing column {col} (a ledger needs {required}; compte and nature are optional)', fr: 'colonne {col} absente (un grand livre demande {required} ; compte et nature sont facultatives)' },
  columnsIgnoredOne: { en: '{file}: column {names} ignored (not a ledger column; map it with --columns FILE or "columns" in manifest.json)', fr: '{file} : colonne {names} ignorée (pas une colonne du grand livre ; associez-la avec --columns FICHIER ou "columns" dans manifest.json)' },
  columnsIgnoredMany: { en: '{file}: columns {names} ignored (not a ledger column; map them with --columns FILE or "columns" in manifest.json)', fr: '{file} : colonnes {names} ignorées (pas des colonnes du grand livre ; associez-les avec --columns FICHIER ou "columns" dans manifest.json)' },
} as const;
