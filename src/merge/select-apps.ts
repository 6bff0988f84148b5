import { OptionError } from '../options/option-error.js';
import { appMatches } from '../table/match-app.js';
import { probeKey } from '../model/keys.js';
import type { PortRow, PortTable } from '../table/types.js';
import type { ResultEntry } from '../model/report.js';
import type { SourceReport } from './read-report.js';

// One probe sent: the same (from, host, protocol, port) reported under several rows counts once.
const sentProbe = (r: ResultEntry) => `${r.from ?? ''}|${probeKey(r.host, r.protocol, r.probedPort ?? r.port)}`;

/**
 * merge --app: the ids of the rows (in the reports, or in the table when given) whose application the
 * NAMEs name, as every command's --app matches (whole words, aliases, ids). None: an input error (exit 2).
 */
export function appRowIds(sources: SourceReport[], apps: string[], table?: PortTable): Set<string> {
  const known: Pick<PortRow, 'id' | 'application'>[] = [
    ...(table?.rows ?? []),
    ...sources.flatMap((s) => [...s.report.rows, ...s.report.results]),
  ];
  const ids = new Set(
    known.filter((r) => apps.some((a) => appMatches(r as PortRow, a, table?.aliases))).map((r) => r.id),
  );
  if (ids.size === 0) throw new OptionError('apps', apps.join(', '), 'no row of the reports matches');
  return ids;
}

/** A report with only the rows `ids` names (results, rows, skipped), its probes counted again. */
export function keepRows(source: SourceReport, ids: Set<string>): SourceReport {
  const { report } = source;
  const results = report.results.filter((r) => ids.has(r.id));
  return {
    ...source,
    report: {
      ...report,
      results,
      rows: report.rows.filter((r) => ids.has(r.id)),
      ...(report.skipped ? { skipped: report.skipped.filter((s) => ids.has(s.id)) } : {}),
      summary: { ...report.summary, probes: new Set(results.map(sentProbe)).size },
    },
  };
}
