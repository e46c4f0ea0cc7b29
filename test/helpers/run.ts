// Runs the built CLI as a user would and returns {exitCode, stdout, stderr}, colour codes stripped.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/sitiv-ca.js', import.meta.url));

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

const ANSI = /\u001b\[[0-9;]*m/g;

export function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    exitCode: r.status ?? -1,
    stdout: (r.stdout ?? '').replace(ANSI, ''),
    stderr: (r.stderr ?? '').replace(ANSI, ''),
  };
}

/** compute --format json, parsed. */
export function computeJson(folder: string, extra: string[] = []): { figures: Record<string, string | null> } & Record<string, unknown> {
  const r = run(['compute', folder, '--format', 'json', ...extra]);
  if (r.exitCode !== 0) throw new Error(`compute exited ${r.exitCode}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
