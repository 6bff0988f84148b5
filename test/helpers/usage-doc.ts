import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

/** The option names in the first column of the table headed by `header` in docs/usage.md. */
export function documentedOptions(header: string): string[] {
  const text = readFileSync(path.join(ROOT, 'docs', 'usage.md'), 'utf8');
  const lines = text.slice(text.indexOf(header)).split('\n');
  const rows = lines.slice(2).filter((_, i, all) => all.slice(0, i + 1).every((l) => l.startsWith('|')));
  return rows.flatMap((l) => [...(l.split('|')[1] ?? '').matchAll(/`(--[a-z-]+)/g)].map((m) => m[1]!));
}
