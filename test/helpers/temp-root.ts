// Vitest global set-up: the whole run's temporary files under one folder of its own, removed at the end (before this,
// each run left about 300 folders in the system's temporary directory: most test files make theirs and keep them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'sitiv-test-run-'));
  // Read by os.tmpdir() in the test workers (started after this) and in every command they spawn.
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
