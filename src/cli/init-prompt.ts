// init's questions on a terminal: each missing option asked in the interface language, its default shown, an invalid answer asked again.
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { t } from '../messages/index.js';

export interface InitAnswers {
  entite?: string;
  categorie: string;
  nomenclature: string;
  exercice: string;
  budget: string[];
}

export interface InitQuestion {
  key: keyof InitAnswers;
  /** The question, in the interface language. */
  label: string;
  /** The default, shown in brackets and taken on an empty answer. */
  fallback: string;
  /** undefined when the answer is fine, else why not (the question is asked again). */
  invalid?: (answer: string) => string | undefined;
}

/** An answer given this many times wrong keeps the default: a prompt never loops for ever. */
const TRIES = 3;

/**
 * Asks each question whose option is missing, on `input` / `output` (the terminal, or streams a test gives). An input
 * that ends answers every remaining question with its default.
 */
export async function askMissing(given: Partial<InitAnswers>, questions: InitQuestion[], io: { input: Readable; output: Writable }): Promise<InitAnswers> {
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  // The iterator buffers lines: answers typed (or pasted) ahead of their question are kept, not lost.
  const lines = rl[Symbol.asyncIterator]();
  let closed = false;
  const answers: Record<string, unknown> = { ...given };
  try {
    for (const q of questions) {
      if (given[q.key] !== undefined) continue;
      let value = q.fallback;
      for (let i = 0; i < TRIES && !closed; i++) {
        io.output.write(t('cli.initPrompt', { question: q.label, fallback: q.fallback }));
        const next = await lines.next();
        if (next.done) {
          closed = true;
          io.output.write('\n');
          break;
        }
        const answer = next.value.trim() === '' ? q.fallback : next.value.trim();
        const why = q.invalid?.(answer);
        if (why === undefined) {
          value = answer;
          break;
        }
        io.output.write(`${why}\n`);
      }
      answers[q.key] = q.key === 'budget' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;
    }
  } finally {
    rl.close();
  }
  if (answers.entite === '') delete answers.entite;
  return answers as unknown as InitAnswers;
}
