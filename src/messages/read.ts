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
} as const;
