// The package root, found from wherever this code runs: src/ under vitest, dist/ after tsc, dist/bundle/ after esbuild.
import { existsSync, readFileSync } from 'node:fs';

function findRoot(): URL {
  let dir = new URL('./', import.meta.url);
  for (let i = 0; i < 6; i++) {
    const pkg = new URL('package.json', dir);
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sitiv-ca') return dir;
    dir = new URL('../', dir);
  }
  throw new Error(`sitiv-ca: package.json not found above ${import.meta.url}`);
}

export const PACKAGE_ROOT = findRoot();
