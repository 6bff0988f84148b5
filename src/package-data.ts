import { readFileSync } from 'node:fs';
import { packageFile } from './paths.js';

/** Files shipped with the package that the tool reads at run time. */
export const PACKAGE_DATA_FILES = ['package.json', 'ports.json', 'docs/report.schema.json'] as const;

/** One of PACKAGE_DATA_FILES. */
export type PackageDataFile = (typeof PACKAGE_DATA_FILES)[number];

/**
 * The text of a file shipped with the package. Compiled with tsc it is read from the package
 * root; the bundle (scripts/bundle.mjs) inlines these texts, so an executable needs no file beside it.
 */
export function packageData(name: PackageDataFile): string {
  return readFileSync(packageFile(name), 'utf8');
}
