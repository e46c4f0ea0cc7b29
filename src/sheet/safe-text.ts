// Neutralises text a spreadsheet would run as a formula (CSV/formula injection): a leading `'` makes it inert.
const DANGER = /^[=+\-@\t\r]/;

/** Text for a spreadsheet-bound output; amounts never pass here (they stay numbers). */
export function inertText(v: string): string {
  return DANGER.test(v) || (v.startsWith("'") && DANGER.test(v.slice(1))) ? `'${v}` : v;
}

/** The inverse, for readers of files we wrote: `'=x` → `=x`, `''=x` → `'=x`. */
export function restoreText(v: string): string {
  return v.startsWith("'") && (DANGER.test(v.slice(1)) || (v[1] === "'" && DANGER.test(v.slice(2)))) ? v.slice(1) : v;
}
