import { buildMatrix, cellDetail } from './matrix-model.js';
import { SYMBOL } from './style.js';
import { failureLines, skippedLines, summaryLine } from './summary-text.js';
import { xmlEscape as h } from './escape.js';
import type { Renderer } from './renderer.js';
import type { Report } from '../model/report.js';

// Lines of CSS and script, joined by newlines as the page carries them.
const STYLE = [
  'body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#111}',
  'table{border-collapse:collapse;margin:1em 0}' +
    'th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}',
  'th{background:#eee}td.pass{background:#d9f2d9}td.fail{background:#f8d0d0}td.unknown{background:#fbefc4}' +
    'td.none{color:#999}',
  '.summary{font-weight:bold}pre{background:#f6f6f6;padding:.5em;white-space:pre-wrap}.filters label{margin-right:1em}',
  '@media print{.filters{display:none}' +
    'td.pass,td.fail,td.unknown{-webkit-print-color-adjust:exact;print-color-adjust:exact}' +
    'details{display:block}details>*{display:block}}',
].join('\n');

// Filters rows by application and columns by direction; no network, no libraries.
const SCRIPT = [
  "(function(){var a=document.getElementById('app'),d=document.getElementById('dir');",
  "function apply(){var app=a.value,dir=d.value;document.querySelectorAll('tr[data-app]').forEach(function(tr){" +
    "tr.style.display=(!app||tr.dataset.app===app)?'':'none'});",
  "document.querySelectorAll('[data-dir]').forEach(function(c){" +
    "c.style.display=(!dir||c.dataset.dir===dir)?'':'none'})}",
  'a.onchange=apply;d.onchange=apply})();',
].join('\n');

// The matrix with a class per verdict.
function matrixHtml(report: Report): string {
  const m = buildMatrix(report);
  const head = m.columns.map((c) => `<th data-dir="${c.direction}">${h(c.label)}</th>`).join('');
  const body = m.lines
    .map((l) => {
      const cells = l.cells
        .map((c, i) => {
          const dir = m.columns[i]!.direction;
          if (!c) return `<td class="none" data-dir="${dir}">${SYMBOL.none}</td>`;
          const text = h(`${SYMBOL[c.verdict]} ${cellDetail(c)}`.trim());
          return `<td class="${c.verdict}" data-dir="${dir}" title="${h(c.remediation ?? '')}">${text}</td>`;
        })
        .join('');
      const named = [l.service, l.application, l.ports, l.protocol].map((v) => `<td>${h(v)}</td>`).join('');
      return `<tr data-app="${h(l.application)}">${named}${cells}</tr>`;
    })
    .join('\n');
  const named = '<th>Service</th><th>Application</th><th>Ports</th><th>Proto</th>';
  return `<table><thead><tr>${named}${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

// Filters: one option per application and direction present.
function filtersHtml(report: Report): string {
  const apps = [...new Set(report.rows.map((r) => r.application))].sort();
  const dirs = [...new Set(report.rows.map((r) => r.direction))];
  const opts = (xs: string[]) => xs.map((v) => `<option value="${h(v)}">${h(v)}</option>`).join('');
  const app = `<label>Application <select id="app"><option value="">all</option>${opts(apps)}</select></label>`;
  const dir = `<label>Direction <select id="dir"><option value="">both</option>${opts(dirs)}</select></label>`;
  return `<div class="filters">${app}${dir}</div>`;
}

// Failures, fixes and firewall rules.
function fixesHtml(report: Report): string {
  const failures = failureLines(report);
  const rows = report.rows.filter((r) => r.remediation);
  if (failures.length === 0 && rows.length === 0) return '<p>Every row passes.</p>';
  const fixes = rows
    .map((r) => {
      const rules = r.firewallRules
        ? `<details><summary>Firewall rules</summary><pre>${h(
            Object.entries(r.firewallRules)
              .map(([k, v]) => `# ${k}\n${v}`)
              .join('\n\n'),
          )}</pre></details>`
        : '';
      const texts = [...(r.advice ?? []), ...(r.genericAdvice ?? [])];
      const advice = texts.length ? `<ul>${texts.map((a) => `<li>${h(a)}</li>`).join('')}</ul>` : '';
      return `<li><b>${h(r.id)}</b> (${h(r.host)}, ${h(r.direction)}): ${h(r.remediation)}${rules}${advice}</li>`;
    })
    .join('\n');
  const failing = failures.map((f) => `<li>${h(f)}</li>`).join('');
  return `<h2>Not passing</h2><ul>${failing}</ul><h2>What to change</h2><ul>${fixes}</ul>`;
}

// The selected rows that were not probed, with why.
function skippedHtml(report: Report): string {
  const lines = skippedLines(report);
  return lines.length ? `\n<h2>Skipped (not probed)</h2><ul>${lines.map((l) => `<li>${h(l)}</li>`).join('')}</ul>` : '';
}

/** One self-contained HTML file: the coloured matrix, a summary, filters, the fixes; readable printed. */
export const htmlRenderer: Renderer = {
  render(doc) {
    if (doc.kind !== 'report') return '';
    const r = doc.report;
    const title = `portmatrix ${r.command} — ${r.startedAt}`;
    const incomplete = r.incomplete ? '<p><b>Incomplete: the run was interrupted.</b></p>' : '';
    const head =
      '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
      `<title>${h(title)}</title><style>${STYLE}</style></head>`;
    const body = [
      `<body><h1>${h(title)}</h1>${incomplete}`,
      `<p class="summary">${h(summaryLine(r))}</p>`,
      filtersHtml(r),
      matrixHtml(r),
      `${fixesHtml(r)}${skippedHtml(r)}`,
      `<script>${SCRIPT}</script></body></html>`,
    ].join('\n');
    return `<!DOCTYPE html>\n<html lang="en">${head}\n${body}\n`;
  },
};
