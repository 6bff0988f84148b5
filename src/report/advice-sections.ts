import type { Report } from '../model/report.js';

/** A titled list of advice texts. */
export interface AdviceSection {
  heading: string;
  items: string[];
}

/** The advice of a report's failed rows, deduplicated: the table's own (headed by its source), then generic. */
export function adviceSections(report: Report): AdviceSection[] {
  const own = [...new Set(report.rows.flatMap((r) => r.advice ?? []))];
  const generic = [...new Set(report.rows.flatMap((r) => r.genericAdvice ?? []))];
  const sections: AdviceSection[] = [];
  if (own.length > 0)
    sections.push({ heading: report.adviceSource ? `From ${report.adviceSource}` : 'Advice', items: own });
  if (generic.length > 0) sections.push({ heading: 'General advice', items: generic });
  return sections;
}
