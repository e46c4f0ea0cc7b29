// Messages of the dette domain (keys `dette.*`): added by the work on it, French and English side by side.
export const dette = {
  printedLastYearOnly: {
    en: 'printed for the last exercice only; the same table for {years} is in the terminal, JSON, CSV, JSON Lines and Markdown outputs (docs/multi-year.md)',
    fr: 'imprimé pour le dernier exercice seulement ; le même tableau pour {years} figure dans les sorties terminal, JSON, CSV, JSON Lines et Markdown (docs/multi-year.md)',
  },
} as const;
