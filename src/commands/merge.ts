import { readReport } from '../merge/read-report.js';
import { sameTable } from '../merge/same-table.js';
import { mergeReports } from '../merge/merge-reports.js';
import { appRowIds, keepRows } from '../merge/select-apps.js';
import { InputError } from '../errors.js';
import { tableDigest } from '../table/table-digest.js';
import { loadTable } from '../table/load-table.js';
import type { Report } from '../model/report.js';
import type { PortTable } from '../table/types.js';

/** What merge keeps: reports of this table only (--ports), rows of these applications only (--app). */
export interface MergeSelection {
  table?: PortTable;
  apps?: string[];
}

// --ports: every report must have been made with that table.
function ofTable(digest: string, files: string[], table: PortTable): void {
  const want = tableDigest(table);
  if (digest === want) return;
  throw new InputError(
    `${files.join(', ')}: made with another table than --ports ${table.file} ` +
      `(${digest.slice(0, 19)}…, not ${want.slice(0, 19)}…); expected reports of that table`,
  );
}

// Without --ports, the embedded table (its aliases: AUS) when the reports were made with it.
function embeddedIfUsed(digest: string): PortTable | undefined {
  const embedded = loadTable();
  return tableDigest(embedded) === digest ? embedded : undefined;
}

/**
 * Reads every report (each checked before any is merged), refuses mixed tables (and, with a table, reports of
 * another one), keeps the selected applications' rows, and merges them; later files win where two measure
 * the same thing.
 */
export function runMerge(files: string[], selection: MergeSelection = {}): Report {
  const sources = files.map(readReport);
  const digest = sameTable(sources);
  if (selection.table) ofTable(digest, files, selection.table);
  if (!selection.apps || selection.apps.length === 0) return mergeReports(sources, digest);
  const ids = appRowIds(sources, selection.apps, selection.table ?? embeddedIfUsed(digest));
  return mergeReports(
    sources.map((s) => keepRows(s, ids)),
    digest,
  );
}
