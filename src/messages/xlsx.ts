// Messages of the xlsx domain (keys `xlsx.*`): added by the work on it, French and English side by side.
export const xlsx = {
  notCleanNumber: {
    en: 'the numeric cell holds {value}, which is not a clean number (the workbook is damaged or was not written by a spreadsheet)',
    fr: 'la cellule numérique contient {value}, qui n’est pas un nombre propre (classeur endommagé ou non écrit par un tableur)',
  },
  badSharedString: {
    en: 'the cell points at shared string {value}, which the workbook does not have (damaged workbook)',
    fr: 'la cellule renvoie à la chaîne partagée {value}, absente du classeur (classeur endommagé)',
  },
  mergedLargeSheet: {
    en: 'merged cells over the ledger rows ({ranges}): each cell of a merged range would take the value of its first cell; unmerge them (a sheet this large is read in one pass, so its merged ranges are known only at its end)',
    fr: 'cellules fusionnées sur les lignes du grand livre ({ranges}) : chaque cellule d’une plage fusionnée prendrait la valeur de sa première cellule ; défusionnez-les (une feuille de cette taille est lue en une passe, ses plages fusionnées ne sont connues qu’à la fin)',
  },
  unreadable: {
    en: 'not a readable XLSX workbook: {reason}',
    fr: 'classeur XLSX illisible : {reason}',
  },
  tooManyRows: {
    en: '{n} ledger rows do not fit in one worksheet (at most {max} below the header): write a CSV instead',
    fr: '{n} lignes de grand livre ne tiennent pas dans une feuille (au plus {max} sous l’en-tête) : écrivez plutôt un CSV',
  },
} as const;
