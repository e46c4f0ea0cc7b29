// The one sanitiser for text from inputs on its way to a person: C0/C1 controls, ESC, BEL, CR and bidi overrides become U+FFFD.
import { t } from '../messages/index.js';

/**
 * Controls a label could use to drive a terminal (ESC sequences, BEL, CR overwriting a line, backspace) and the
 * bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) that reorder what a reader sees (Trojan Source).
 * Tab stays (harmless); newline stays only where the writer splits lines itself.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_OR_NEWLINE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text safe for a terminal, Markdown, a CSV comment or stderr; `newlines` keeps \n for writers that split lines. */
export function sanitizeText(text: string, newlines = false): string {
  return text.replace(newlines ? UNSAFE : UNSAFE_OR_NEWLINE, '\ufffd');
}

/** One line to stderr (`error: …`, `notice: …`, `warning: …`), its text sanitised. */
export function writeDiagnostic(kind: 'error' | 'notice' | 'warning' | '', message: string): void {
  const text = sanitizeText(message);
  const line = kind === 'error' ? t('cli.errorPrefix', { message: text }) : kind === 'notice' ? t('cli.noticePrefix', { message: text }) : kind === 'warning' ? t('cli.warningPrefix', { message: text }) : text;
  process.stderr.write(`${line}\n`);
}
