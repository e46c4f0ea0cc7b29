// The message catalogue: every user-facing text in French and English, looked up by key (`t('cli.unknownFormat', {…})`).
import { check } from './check.js';
import { input } from './input.js';
import { dette } from './dette.js';
import { definitions } from './definitions.js';
import { ratios } from './ratios.js';
import { ledger } from './ledger.js';
import { xlsx } from './xlsx.js';
import { dgfip } from './dgfip.js';
import { cli } from './cli.js';
import { getLang, type Lang } from './lang.js';
import { read } from './read.js';
import { report } from './report.js';
import type { Domain, Entry, ParamsOf, Text } from './types.js';

export { askedLang, getLang, isLang, langFromArgs, langFromEnv, LANGS, setLang, type Lang } from './lang.js';

/** One file per domain keeps merges easy; the key is `<domain>.<name>`. */
export const CATALOGUE = {
  cli,
  read,
  check,
  report,
  input,
  dette,
  definitions,
  ratios,
  ledger,
  xlsx,
  dgfip,
} as const satisfies Record<string, Domain>;

type C = typeof CATALOGUE;
export type MessageKey = { [D in keyof C]: `${D & string}.${keyof C[D] & string}` }[keyof C];
type EntryOf<K extends string> = K extends `${infer D}.${infer N}`
  ? D extends keyof C
    ? N extends keyof C[D]
      ? C[D][N] extends Entry
        ? C[D][N]
        : never
      : never
    : never
  : never;
export type Params = Record<string, string | number>;
type Args<K extends string> = [ParamsOf<EntryOf<K>>] extends [never] ? [] : [params: Record<ParamsOf<EntryOf<K>>, string | number>];

function entryOf(key: string): Entry {
  const dot = key.indexOf('.');
  const domain = (CATALOGUE as Record<string, Domain>)[key.slice(0, dot)];
  const entry = domain?.[key.slice(dot + 1)];
  // Keys are checked by the compiler; a miss here is a bug, not an input problem.
  if (!entry) throw new Error(`message catalogue: no key ${key}`);
  return entry;
}

/** French uses the singular for 0 and 1, English for 1 only. */
function pick(text: Text, lang: Lang, params: Params): string {
  if (typeof text === 'string') return text;
  const n = Number(params.n);
  return (lang === 'fr' ? Math.abs(n) < 2 : n === 1) ? text.one : text.other;
}

export function interpolate(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The message in the given language. */
export function tl<K extends MessageKey>(lang: Lang, key: K, ...args: Args<K>): string {
  const params = (args[0] ?? {}) as Params;
  return interpolate(pick(entryOf(key)[lang], lang, params), params);
}

/** The message in the interface language (setLang / the environment). */
export function t<K extends MessageKey>(key: K, ...args: Args<K>): string {
  return tl(getLang(), key, ...args);
}

/** A key whose name is computed at run time (a check id, a table id): the caller asserts it exists with `hasMessage`. */
export function tDynamic(key: string, params: Params = {}, lang: Lang = getLang()): string {
  return interpolate(pick(entryOf(key)[lang], lang, params), params);
}

export function hasMessage(key: string): boolean {
  const dot = key.indexOf('.');
  return dot > 0 && (CATALOGUE as Record<string, Domain>)[key.slice(0, dot)]?.[key.slice(dot + 1)] !== undefined;
}
