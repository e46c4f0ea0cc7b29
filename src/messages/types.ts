// The shape of a catalogue entry: one text per language, `{name}` placeholders, optional singular/plural forms chosen by `n`.

/** A text, or its singular and plural forms (chosen by the `n` parameter: French singular for 0 and 1, English for 1 only). */
export type Text = string | { readonly one: string; readonly other: string };

export interface Entry {
  readonly en: Text;
  readonly fr: Text;
}

export type Domain = Readonly<Record<string, Entry>>;

type TextsOf<T> = T extends string ? T : T extends { one: infer O; other: infer P } ? O | P : never;

/** The placeholder names of a literal text: `'{file}: {n} lines'` → `'file' | 'n'`. */
export type Placeholders<S> = S extends `${string}{${infer P}}${infer R}` ? P | Placeholders<R> : never;

/** The parameters an entry needs: its placeholders in both languages, and `n` when it has plural forms. */
export type ParamsOf<E extends Entry> =
  | Placeholders<TextsOf<E['en']>>
  | Placeholders<TextsOf<E['fr']>>
  | (E['en'] extends string ? never : 'n');
