// Messages of the reports: table titles, column and row labels, notes under the tables, provenance lines.
export const report = {
  note: { en: 'note: {note}', fr: 'remarque : {note}' },
  notMeaningful: { en: 'not meaningful: {reason}', fr: 'non significatif : {reason}' },
} as const;
