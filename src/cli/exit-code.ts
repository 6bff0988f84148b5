import type { Report } from '../model/report.js';

/** 0 when every row passes; 1 when one fails (or, with strict, is unknown or a selected row was skipped). */
export function exitCodeOf(report: Report, strict: boolean): number {
  const bad = report.rows.some((r) => r.verdict === 'fail' || (strict && r.verdict === 'unknown'));
  return bad || (strict && (report.skipped ?? []).length > 0) ? 1 : 0;
}
