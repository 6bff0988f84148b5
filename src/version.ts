import { packageData } from './package-data.js';

/** The package's name and version, as reports carry them. */
export const TOOL = (() => {
  const pkg = JSON.parse(packageData('package.json')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
})();
