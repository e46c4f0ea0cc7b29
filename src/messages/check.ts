// Messages of check: the text report's lines, the summary, and the findings of each check.
export const check = {
  hint: { en: 'hint: {hint}', fr: 'conseil : {hint}' },
  severityError: { en: 'error', fr: 'erreur' },
  severityWarning: { en: 'warning', fr: 'avertissement' },
  severityInfo: { en: 'info', fr: 'info' },
  hintFor: { en: 'for: {places}', fr: 'pour : {places}' },
  errors: { en: { one: '{n} error', other: '{n} errors' }, fr: { one: '{n} erreur', other: '{n} erreurs' } },
  warnings: { en: { one: '{n} warning', other: '{n} warnings' }, fr: { one: '{n} avertissement', other: '{n} avertissements' } },
  infos: { en: { one: '{n} info', other: '{n} infos' }, fr: { one: '{n} information', other: '{n} informations' } },
  folders: { en: { one: '{n} folder', other: '{n} folders' }, fr: { one: '{n} dossier', other: '{n} dossiers' } },
  checks: { en: { one: '{n} check', other: '{n} checks' }, fr: { one: '{n} contrôle', other: '{n} contrôles' } },
  summary: {
    en: 'sitiv-ca check: {counts} in {folders} ({checks}; tolerance {tolerance} €)',
    fr: 'sitiv-ca check : {counts} dans {folders} ({checks} ; tolérance {tolerance} €)',
  },
  folderHeading: { en: '== {folder}', fr: '== {folder}' },
  folderSummary: { en: '{folder}: {counts}', fr: '{folder} : {counts}' },
  hidden: { en: '[{counts} not shown: --severity {severity} shows them]', fr: '[non affichés : {counts} ; --severity {severity} les montre]' },
} as const;
