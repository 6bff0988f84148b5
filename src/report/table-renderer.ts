import { actionLines } from './action-groups.js';
import { buildMatrix } from './matrix-model.js';
import { matrixText } from './matrix-text.js';
import { nextSteps } from './next-steps.js';
import { portsText } from './ports-text.js';
import { asciiText, paint } from './style.js';
import { failureLines, skippedGroups, skippedLines } from './summary-text.js';
import { truncateText, wrapText } from './text-width.js';
import type { RenderContext, Renderer } from './renderer.js';
import { adviceSections } from './advice-sections.js';
import type { Report } from '../model/report.js';

// Prose for the terminal: spelled in ASCII when asked, wrapped to the width with a hanging indent.
function prose(ctx: RenderContext) {
  return (text: string, indent = '', hanging = indent): string[] =>
    wrapText(ctx.ascii ? asciiText(text) : text, ctx.width, indent, hanging);
}

// A titled list: "Title:" then one item per entry, wrapped under its first word ("- text", "✘ host ...").
function section(title: string, items: string[], ctx: RenderContext, bullet = ''): string[] {
  if (items.length === 0) return [];
  const wrap = prose(ctx);
  return ['', paint(title, 'bold', ctx.color), ...items.flatMap((i) => wrap(bullet + i, '  ', '    '))];
}

// What to change: one line per action with all its ports, or (explain) one line per failed row.
function remediationLines(report: Report, ctx: RenderContext): string[] {
  if (!ctx.explain) return actionLines(report);
  return [...new Set(report.rows.map((r) => r.remediation).filter((l): l is string => Boolean(l)))];
}

/** Lines the table's advice may take in full in the short form; more, and each note is cut to one line. */
const ADVICE_LINES = 12;
/** Lines the report's notes (and skipped rows) may take in full in the short form. */
const NOTE_LINES = 6;

// Items wrapped in full when they take at most `budget` lines (or with --explain, or without a width);
// else each cut to one line: the short form keeps every item, one line each.
function budgeted(items: string[], indent: string, budget: number, ctx: RenderContext): string[] {
  const full = items.flatMap((i) => prose(ctx)(i, indent, `${indent}  `));
  if (ctx.explain || ctx.width === undefined || full.length <= budget) return full;
  const text = (i: string) => (ctx.ascii ? asciiText(i) : i);
  return items.map((i) => indent + truncateText(text(i), ctx.width! - indent.length, ctx.ascii ? '...' : '…'));
}

// Advice for the rows that failed, each note once, headed by its source (the table's, then generic).
function adviceSection(report: Report, ctx: RenderContext): string[] {
  return adviceSections(report).flatMap(({ heading, items }) => {
    const lines = budgeted(
      items.map((a) => `- ${a}`),
      '  ',
      ADVICE_LINES,
      ctx,
    );
    return ['', paint(`${heading}:`, 'bold', ctx.color), ...lines];
  });
}

// Rows left out and the report's notes.
function notesSection(report: Report, ctx: RenderContext): string[] {
  const skipped = ctx.explain ? skippedLines(report) : skippedGroups(report);
  const notes = (report.notes ?? []).map((n) => `note: ${n}`);
  if (skipped.length + notes.length === 0) return [];
  return ['', ...budgeted(skipped, '  ', NOTE_LINES, ctx), ...budgeted(notes, '', NOTE_LINES, ctx)];
}

// The pass/fail matrix, its summary, the failures grouped, what to change, and what to do next.
function renderReport(report: Report, ctx: RenderContext): string {
  const wrap = prose(ctx);
  const out = [matrixText(buildMatrix(report), ctx)];
  out.push(...section('Not passing:', failureLines(report, true), ctx));
  out.push(...section('What to change:', remediationLines(report, ctx), ctx, '- '));
  out.push(...adviceSection(report, ctx), ...notesSection(report, ctx));
  out.push('', ...nextSteps(report, ctx.explain).flatMap((l) => wrap(l, '', '  ')));
  return `${out.join('\n')}\n`;
}

/** The human matrix (cli-table3). */
export const tableRenderer: Renderer = {
  render: (doc, ctx) => (doc.kind === 'report' ? renderReport(doc.report, ctx) : portsText(doc, ctx)),
};
