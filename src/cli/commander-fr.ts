// commander's own texts (help headings, parse errors) through the catalogue, so that --help and usage errors follow --lang.
import { t } from '../messages/index.js';

const TITLES: Record<string, () => string> = {
  'Usage:': () => t('cli.helpUsage'),
  'Arguments:': () => t('cli.helpArguments'),
  'Options:': () => t('cli.helpOptions'),
  'Global Options:': () => t('cli.helpGlobalOptions'),
  'Commands:': () => t('cli.helpCommands'),
};

export function translateHelpTitle(title: string): string {
  return TITLES[title]?.() ?? title;
}

/** commander writes `error: …` lines; the common ones are re-worded, the others keep commander's English. */
const ERRORS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^error: unknown option '([^']*)'/, (m) => t('cli.cmdUnknownOption', { flag: m[1]! })],
  [/^error: unknown command '([^']*)'/, (m) => t('cli.cmdUnknownCommand', { name: m[1]! })],
  [/^error: missing required argument '([^']*)'/, (m) => t('cli.cmdMissingArgument', { name: m[1]! })],
  [/^error: option '([^']*)' argument missing/, (m) => t('cli.cmdOptionArgumentMissing', { flags: m[1]! })],
  [/^error: too many arguments(.*)$/, (m) => t('cli.cmdTooManyArguments', { rest: m[1]! })],
];

export function translateCommanderError(text: string): string {
  const [first = '', ...rest] = text.split('\n');
  for (const [re, say] of ERRORS) {
    const m = first.match(re);
    if (!m) continue;
    const more = rest.map((l) => l.replace(/^\(Did you mean (.*)\?\)$/, (_, name: string) => t('cli.cmdDidYouMean', { name })));
    return [t('cli.errorPrefix', { message: say(m) }), ...more].join('\n');
  }
  return text;
}

/** commander appends `(default: "fr")` and `(choices: …)` in English; the words are re-worded, the values kept. */
export function translateOptionDescription(text: string): string {
  return text.replace(/\(default: /g, `(${t('cli.helpDefault')} `).replace(/\(choices: /g, `(${t('cli.helpChoices')} `);
}
