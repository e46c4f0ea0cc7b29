// The tool's name and version, from package.json, for provenance.
import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from './paths.js';

const pkg = JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { name: string; version: string };

export const TOOL = { name: pkg.name, version: pkg.version };
