import { fileURLToPath } from 'node:url';
import path from 'node:path';

// dist/paths.js sits one level below the package root.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Absolute path of a file shipped at the package root (ports.json, docs/...). */
export function packageFile(...parts: string[]): string {
  return path.join(root, ...parts);
}
