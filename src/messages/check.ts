// Messages of check: the text report's lines, the summary, and the findings of each check.
export const check = {
  hint: { en: 'hint: {hint}', fr: 'conseil : {hint}' },
} as const;
