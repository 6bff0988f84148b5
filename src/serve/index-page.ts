import { xmlEscape as h } from '../report/escape.js';
import type { RecentProbe } from './recent-probes.js';

const STYLE = [
  'body{font:14px/1.4 system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse}',
  'th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left}',
  'td.pass{background:#d9f2d9}td.fail{background:#f8d0d0}',
].join('');

const HEAD = ['Started', 'Target', 'Query', 'Result', 'Ports', 'Took', 'Report'];

const ENDPOINTS =
  '<code>/probe?target=HOST[&amp;direction=inbound|outbound|both][&amp;app=NAME][&amp;only=PORTSPEC]' +
  '[&amp;peer=ROLE=HOST]</code>';

// One table line per probe, linking to its report.
function probeLine(p: RecentProbe): string {
  const s = p.report.summary;
  const cells = [
    h(p.report.startedAt),
    h(p.target),
    `<a href="probe?${h(p.query)}">${h(p.query)}</a>`,
    p.success ? 'success' : 'failure',
    `${s.pass} pass, ${s.fail} fail, ${s.unknown} unknown`,
    `${p.report.durationMs} ms`,
    `<a href="report/${p.id}.html">HTML</a> <a href="report/${p.id}.json">JSON</a>`,
  ];
  const result = p.success ? 'pass' : 'fail';
  return `<tr>${cells.map((c, i) => (i === 3 ? `<td class="${result}">${c}</td>` : `<td>${c}</td>`)).join('')}</tr>`;
}

// The recent probes, or a line saying there are none yet.
function probesTable(probes: readonly RecentProbe[]): string {
  if (probes.length === 0) return '<p>No probes yet. Prometheus scrapes <code>/probe?target=HOST</code>.</p>';
  const head = HEAD.map((t) => `<th>${t}</th>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${probes.map(probeLine).join('\n')}\n</tbody></table>`;
}

/** GET /: what the exporter is, where its endpoints are, and the recent probes with links to their reports. */
export function indexPage(probes: readonly RecentProbe[], targets: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>portmatrix exporter</title><style>${STYLE}</style></head>
<body><h1>portmatrix exporter</h1>
<p>Endpoints: <a href="metrics">/metrics</a> (the exporter's own metrics), ${ENDPOINTS}.</p>
<p>Targets allowed: ${h(targets)}.</p>
<h2>Recent probes</h2>
${probesTable(probes)}
</body></html>
`;
}
