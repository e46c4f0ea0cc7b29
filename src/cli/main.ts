// The command line: wires the commands, then maps named errors to exit codes (0 ok, 1 check/diff failed, 2 unusable input or usage).
import { Command, CommanderError, Help } from 'commander';
import { CheckFailed, FoldersUnusable, InputError, UsageError, formatProblem } from '../errors.js';
import { getLang, isLang, langFromArgs, langFromEnv, setLang, t } from '../messages/index.js';
import { isCsvSyntaxError } from '../read/csv-safe.js';
import { TOOL } from '../version.js';
import { registerCheck } from './check.js';
import { translateCommanderError, translateHelpTitle, translateOptionDescription } from './commander-fr.js';
import { registerCompute } from './compute.js';
import { registerConvert } from './convert.js';
import { registerDiff } from './diff.js';
import { registerInit } from './init.js';
import { writeProblems } from './problems.js';
import { writeDiagnostic } from '../text/sanitize.js';

/** One line per command; each command lives in its own file. */
const COMMANDS: ((program: Command) => void)[] = [registerCompute, registerDiff, registerConvert, registerCheck, registerInit];

export async function main(argv: string[]): Promise<number> {
  // The language is settled before the commands are built, since their --help texts are translated.
  const asked = langFromArgs(argv);
  if (asked !== undefined && isLang(asked)) setLang(asked, true);
  else setLang(langFromEnv(process.env));
  if (asked !== undefined && !isLang(asked)) {
    process.stderr.write(t('cli.errorPrefix', { message: t('cli.unknownLang', { lang: JSON.stringify(asked) }) }) + '\n');
    return 2;
  }
  const program = new Command()
    .name(TOOL.name)
    .description(t('cli.programDescription'))
    .version(TOOL.version, '-V, --version', t('cli.versionOption'))
    .helpOption('-h, --help', t('cli.helpOption'))
    .helpCommand('help [command]', t('cli.helpCommand'))
    .exitOverride();
  for (const register of COMMANDS) register(program);
  for (const c of [program, ...program.commands]) {
    c.exitOverride()
      .helpOption('-h, --help', t('cli.helpOption'))
      .option('--lang <lang>', t('cli.langOption'))
      .configureHelp({
        styleTitle: translateHelpTitle,
        optionDescription: (o) => translateOptionDescription(Help.prototype.optionDescription.call(c.createHelp(), o)),
        argumentDescription: (a) => translateOptionDescription(Help.prototype.argumentDescription.call(c.createHelp(), a)),
      })
      .configureOutput({
        writeErr: (s) => process.stderr.write(s),
        writeOut: (s) => process.stdout.write(s),
        outputError: (s, write) => write(translateCommanderError(s)),
      });
  }
  // `compute … | head -1`: the reader has gone, there is nobody left to tell; end quietly with success.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    return exitCodeFor(e);
  }
}

function exitCodeFor(e: unknown): number {
  if (e instanceof CommanderError) {
    // help and version exit 0; every other commander error is a usage error.
    return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
  }
  if (e instanceof InputError) {
    writeProblems(e.problems);
    process.stderr.write(t('cli.inputProblems', { n: e.problems.length }) + '\n');
    return 2;
  }
  if (e instanceof FoldersUnusable) {
    writeProblems(e.problems);
    process.stderr.write(t('input.foldersUnusable', { n: e.folders.length, folders: e.folders.join(', ') }) + '\n');
    return 2;
  }
  if (e instanceof UsageError) {
    writeDiagnostic('', t('cli.errorPrefix', { message: e.message }));
    return 2;
  }
  if (e instanceof CheckFailed) return 1;
  if ((e as NodeJS.ErrnoException)?.code === 'EPIPE') return 0;
  // A reader that let a csv-parse error through: still the input's fault, never a crash.
  if (isCsvSyntaxError(e)) {
    process.stderr.write(t('cli.errorPrefix', { message: t('cli.csvSyntax', { detail: (e as Error).message }) }) + '\n' + t('cli.inputProblems', { n: 1 }) + '\n');
    return 2;
  }
  process.stderr.write(t('cli.internalError', { detail: (e as Error).stack ?? String(e) }) + '\n');
  return 70;
}

export { formatProblem, getLang };
