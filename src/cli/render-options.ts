// The output options shared by every command that prints tables: --format, -o, --locale.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { formatFromFile, WRITERS, type WriterInput } from '../render/writers.js';
import { t } from '../messages/index.js';
import { useColor, writeOutput } from './output.js';

export interface RenderOpts {
  format?: string;
  output?: string;
  locale: string;
}

export function addRenderOptions(cmd: Command): Command {
  return cmd
    .option('-f, --format <format>', t('cli.formatOption', { formats: Object.keys(WRITERS).join(', ') }))
    .option('-o, --output <file>', t('cli.outputOption'))
    .option('--locale <locale>', t('cli.localeOption'), 'fr');
}

/** Checks the options before any input is read, so a usage error costs nothing. */
export function resolveFormat(opts: RenderOpts): { format: string; locale: 'fr' | 'en' } {
  const format = opts.format ?? formatFromFile(opts.output) ?? 'table';
  if (!WRITERS[format]) throw new UsageError(t('cli.unknownFormat', { format, known: Object.keys(WRITERS).join(', ') }));
  if (opts.locale !== 'fr' && opts.locale !== 'en') throw new UsageError(t('cli.unknownLocale', { locale: opts.locale }));
  return { format, locale: opts.locale };
}

export async function emit(
  opts: RenderOpts,
  input: Omit<WriterInput, 'locale' | 'color'>,
  inputs: string[],
): Promise<void> {
  const { format, locale } = resolveFormat(opts);
  const writer = WRITERS[format]!;
  if (writer.binary && !opts.output && process.stdout.isTTY) {
    throw new UsageError(t('cli.binaryToTerminal', { format, ext: format }));
  }
  const render = await writer.load();
  const data = await render({ ...input, locale, color: useColor(format) && !opts.output });
  await writeOutput(data, { file: opts.output, inputs }, writer.binary);
}
