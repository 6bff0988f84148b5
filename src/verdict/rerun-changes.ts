import { rowKey } from '../model/keys.js';
import type { Report, RowResult } from '../model/report.js';
import type { Verdict } from '../model/state.js';

/** One row of an earlier report, probed again. */
export interface RerunChange {
  id: string;
  direction: RowResult['direction'];
  host: string;
  before: Verdict;
  /** "missing" when the rerun could not probe it (skipped, interrupted). */
  after: Verdict | 'missing';
}

/** What `check --rerun` adds to its report: which report it re-checked, and each row's before and after. */
export interface RerunInfo {
  report: string;
  startedAt: string;
  changes: RerunChange[];
}

/** The key that pairs a row of the earlier report with its verdict now: a check has one `from`, so not in it. */
export const rerunKey = (r: Pick<RowResult, 'id' | 'direction' | 'host'>) =>
  rowKey({ id: r.id, host: r.host, direction: r.direction });

/** Pairs the rows that did not pass in `before` with their verdicts in `after`. */
export function rerunChanges(file: string, before: Report, after: Report): RerunInfo {
  const now = new Map(after.rows.map((r) => [rerunKey(r), r.verdict]));
  const changes = before.rows
    .filter((r) => r.verdict !== 'pass')
    .map(
      (r): RerunChange => ({
        id: r.id,
        direction: r.direction,
        host: r.host,
        before: r.verdict,
        after: now.get(rerunKey(r)) ?? 'missing',
      }),
    );
  return { report: file, startedAt: before.startedAt, changes };
}

/** The changes in words, for the report's notes: what passes now, what still does not. */
export function rerunNotes(info: RerunInfo): string[] {
  const fixed = info.changes.filter((c) => c.after === 'pass');
  const still = info.changes.filter((c) => c.after !== 'pass');
  const line = (c: RerunChange) => `${c.id} (${c.direction}, ${c.host}) ${c.before} -> ${c.after}`;
  return [
    `rerun of ${info.report} (${info.startedAt}): ${info.changes.length} row(s) had not passed; ` +
      `${fixed.length} pass now, ${still.length} still do not`,
    ...fixed.map((c) => `now passing: ${line(c)}`),
    ...still.map((c) => `still not passing: ${line(c)}`),
  ];
}
