// The command line: wires the commands, then maps named errors to exit codes (0 ok, 1 check/diff failed, 2 unusable input or usage).
import { Command, CommanderError } from 'commander';
import { CheckFailed, InputError, UsageError, formatProblem } from '../errors.js';
import { isCsvSyntaxError } from '../read/csv-safe.js';
import { TOOL } from '../version.js';
import { registerCheck } from './check.js';
import { registerCompute } from './compute.js';
import { registerConvert } from './convert.js';
import { registerDiff } from './diff.js';
import { writeDiagnostic } from '../text/sanitize.js';

/** One line per command; each command lives in its own file. */
const COMMANDS: ((program: Command) => void)[] = [registerCompute, registerDiff, registerConvert, registerCheck];

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name(TOOL.name)
    .description('Compte administratif of French local authorities (M57), exact to the cent')
    .version(TOOL.version)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  for (const register of COMMANDS) register(program);
  for (const c of program.commands) c.exitOverride();
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
    for (const p of e.problems) writeDiagnostic('error', formatProblem(p));
    process.stderr.write(`${e.problems.length} problem${e.problems.length > 1 ? 's' : ''} in the input; nothing written\n`);
    return 2;
  }
  if (e instanceof UsageError) {
    writeDiagnostic('error', e.message);
    return 2;
  }
  if (e instanceof CheckFailed) return 1;
  if ((e as NodeJS.ErrnoException)?.code === 'EPIPE') return 0;
  // A reader that let a csv-parse error through: still the input's fault, never a crash.
  if (isCsvSyntaxError(e)) {
    process.stderr.write(`error: CSV syntax: ${(e as Error).message}\n1 problem in the input; nothing written\n`);
    return 2;
  }
  process.stderr.write(`internal error: ${(e as Error).stack ?? String(e)}\n`);
  return 70;
}
