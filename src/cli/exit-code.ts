import type { Report } from '../model/report.js';

/** 0 when every row passes; 1 when one fails (or, with strict, is unknown). */
export function exitCodeOf(report: Report, strict: boolean): number {
  const bad = report.rows.some((r) => r.verdict === 'fail' || (strict && r.verdict === 'unknown'));
  return bad ? 1 : 0;
}
