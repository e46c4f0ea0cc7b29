// The message catalogue: every key in both languages with the same placeholders, plural forms chosen per language, the language chosen from the environment.
import { describe, expect, it } from 'vitest';
import { CATALOGUE, LANGS, langFromArgs, langFromEnv, t, tl, tDynamic, hasMessage, setLang, getLang } from '../src/messages/index.js';
import type { Text } from '../src/messages/types.js';

const placeholders = (text: Text): string[] => {
  const all = typeof text === 'string' ? [text] : [text.one, text.other];
  return [...new Set(all.flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)))].sort();
};

describe('message catalogue', () => {
  const entries = Object.entries(CATALOGUE).flatMap(([domain, d]) => Object.entries(d).map(([name, e]) => [`${domain}.${name}`, e as Record<string, Text | undefined>] as const));

  it('has entries in every domain', () => {
    expect(entries.length).toBeGreaterThan(100);
  });

  it.each(entries)('%s exists in French and English, with the same placeholders and forms', (key, entry) => {
    for (const lang of LANGS) {
      const text = entry[lang];
      expect(text, `${key} misses ${lang}`).toBeDefined();
      const forms = typeof text === 'string' ? [text] : [text!.one, text!.other];
      for (const f of forms) expect(f.trim(), `${key} has an empty ${lang} text`).not.toBe('');
    }
    expect(typeof entry.fr, `${key}: plural forms in one language only`).toBe(typeof entry.en);
    expect(placeholders(entry.fr!), `${key}: placeholders differ`).toEqual(placeholders(entry.en!));
    if (typeof entry.en !== 'string') expect(placeholders(entry.en!), `${key}: plural entry without {n}`).toContain('n');
  });

  it('French texts use French typography before : ? ! (a space), English ones do not', () => {
    for (const [key, entry] of entries) {
      const fr = typeof entry.fr === 'string' ? [entry.fr] : [entry.fr!.one, entry.fr!.other];
      // A colon glued to a word in French prose (not in URLs, times, placeholders like {file}:{line}, or `-o FICHIER:`).
      for (const s of fr) expect(s.replace(/\{\w+\}:/g, '').replace(/[:'"]\S*['"]/g, ''), key).not.toMatch(/[A-Za-zÀ-ÿ)]: /);
    }
  });

  it('interpolates and picks plural forms: French singular for 0 and 1, English for 1 only', () => {
    expect(tl('en', 'cli.inputProblems', { n: 1 })).toBe('1 problem in the input; nothing written');
    expect(tl('en', 'cli.inputProblems', { n: 0 })).toBe('0 problems in the input; nothing written');
    expect(tl('fr', 'cli.inputProblems', { n: 0 })).toBe('0 problème dans les données ; rien n’a été écrit');
    expect(tl('fr', 'cli.inputProblems', { n: 3 })).toBe('3 problèmes dans les données ; rien n’a été écrit');
    expect(tl('fr', 'cli.unknownFormat', { format: 'pdf', known: 'csv, json' })).toBe('format inconnu pdf (connus : csv, json)');
    expect(tDynamic('cli.unknownFormat', { format: 'x', known: 'y' }, 'en')).toBe('unknown format x (known: y)');
    expect(hasMessage('cli.unknownFormat')).toBe(true);
    expect(hasMessage('cli.noSuchKey')).toBe(false);
    expect(() => tDynamic('cli.noSuchKey')).toThrow(/no key/);
  });

  it('t follows setLang', () => {
    const before = getLang();
    try {
      setLang('fr');
      expect(t('cli.helpOptions')).toBe('Options :');
      setLang('en');
      expect(t('cli.helpOptions')).toBe('Options:');
    } finally {
      setLang(before);
    }
  });
});

describe('language choice', () => {
  it('follows the gettext order: the first of LC_ALL, LC_MESSAGES, LANG that is set', () => {
    expect(langFromEnv({})).toBe('en');
    expect(langFromEnv({ LANG: 'fr_FR.UTF-8' })).toBe('fr');
    expect(langFromEnv({ LANG: 'fr' })).toBe('fr');
    expect(langFromEnv({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(langFromEnv({ LANG: 'C.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_ALL: 'C', LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_ALL: '', LC_MESSAGES: 'fr_BE.UTF-8', LANG: 'en_GB' })).toBe('fr');
    expect(langFromEnv({ LC_MESSAGES: 'en_US', LANG: 'fr_FR' })).toBe('en');
    expect(langFromEnv({ LC_ALL: 'fr_CA.UTF-8', LC_MESSAGES: 'en_US' })).toBe('fr');
  });

  it('reads --lang before the command runs', () => {
    expect(langFromArgs(['compute', 'x', '--lang', 'fr'])).toBe('fr');
    expect(langFromArgs(['--lang=en', 'check'])).toBe('en');
    expect(langFromArgs(['compute', '--', '--lang', 'fr'])).toBeUndefined();
    expect(langFromArgs(['compute', 'x'])).toBeUndefined();
  });
});
