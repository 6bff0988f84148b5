import type { Report } from '../report/types.js';

/** Adds what to change to failed rows (filled in by the reports issue). */
export function attachRemediation(report: Report): void {
  void report;
}
