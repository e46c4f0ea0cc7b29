// The interface language: --lang, else the gettext environment order (LC_ALL, LC_MESSAGES, LANG); French when it starts with fr.
export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(s: string): s is Lang {
  return (LANGS as readonly string[]).includes(s);
}

/** gettext takes the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty; English unless it starts with fr. */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v) return v.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  }
  return 'en';
}

/** `--lang X` or `--lang=X` anywhere before `--` in the arguments, read before the commands are built (their help is translated). */
export function langFromArgs(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang') return argv[i + 1] ?? '';
    if (a.startsWith('--lang=')) return a.slice('--lang='.length);
  }
  return undefined;
}

let current: Lang = langFromEnv(process.env);

let asked: Lang | undefined;

/** `explicit`: the user named it (--lang); council documents are French unless English was asked for so. */
export function setLang(lang: Lang, explicit = false): void {
  current = lang;
  asked = explicit ? lang : undefined;
}

/** The language --lang named, if any. */
export function askedLang(): Lang | undefined {
  return asked;
}

export function getLang(): Lang {
  return current;
}
