import { InputError } from '../errors.js';
import type { SourceReport } from './read-report.js';

// "sha256:0123abcd…" and the product, for a message.
function label(s: SourceReport): string {
  const digest = String(s.report.settings.tableDigest);
  const product = typeof s.report.settings.table === 'string' ? ` "${s.report.settings.table}"` : '';
  return `${digest.slice(0, 19)}…${product}`;
}

/** Refuses reports of different tables (exit 2), naming the files of each table; returns the shared digest. */
export function sameTable(sources: SourceReport[]): string {
  const byDigest = new Map<string, SourceReport[]>();
  for (const s of sources) {
    const d = String(s.report.settings.tableDigest);
    byDigest.set(d, [...(byDigest.get(d) ?? []), s]);
  }
  if (byDigest.size === 1) return [...byDigest.keys()][0]!;
  const groups = [...byDigest.values()].map((g) => `${g.map((s) => s.file).join(', ')} (table ${label(g[0]!)})`);
  throw new InputError(
    `reports of different tables cannot be merged: ${groups.join(' vs ')}; run every host with the same --ports file`,
  );
}
