import { readReport } from '../merge/read-report.js';
import { sameTable } from '../merge/same-table.js';
import { mergeReports } from '../merge/merge-reports.js';
import type { Report } from '../model/report.js';

/**
 * Reads every report (each checked before any is merged), refuses mixed tables, and merges them;
 * later files win where two measure the same thing.
 */
export function runMerge(files: string[]): Report {
  const sources = files.map(readReport);
  return mergeReports(sources, sameTable(sources));
}
