import { readFileSync } from 'node:fs';
import { packageFile } from './paths.js';

/** The package's name and version, as reports carry them. */
export const TOOL = (() => {
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
})();
