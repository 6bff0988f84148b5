import { compressPorts } from '../table/port-spec.js';
import type { Report } from '../model/report.js';
import { counted } from '../util/plural.js';

/** "probes 95 · results 120 pass / 3 fail / 0 unknown · 1.8 s" (and "· INCOMPLETE (interrupted)"). */
export function runFigures(report: Report): string {
  const s = report.summary;
  const secs = (report.durationMs / 1000).toFixed(report.durationMs < 10000 ? 2 : 1);
  const results = `results ${s.pass} pass / ${s.fail} fail / ${s.unknown} unknown`;
  const skipped = report.skipped?.length ? ` · ${counted(report.skipped.length, 'row')} skipped (not probed)` : '';
  const incomplete = report.incomplete ? ' · INCOMPLETE (interrupted)' : '';
  return `probes ${s.probes} · ${results}${skipped} · ${secs} s${incomplete}`;
}

/** One line per selected row that was not probed: "skipped ID (DIRECTION): REASON". */
export function skippedLines(report: Report): string[] {
  return (report.skipped ?? []).map((s) => `skipped ${s.id} (${s.direction}): ${s.reason}`);
}

/**
 * The same, one line per reason: "skipped 12 outbound rows: REASON: id, id, …" (a single row as in skippedLines),
 * so that a check of every row with few --peer hosts lists what to add, not 25 lines.
 */
export function skippedGroups(report: Report): string[] {
  const groups = new Map<string, NonNullable<Report['skipped']>>();
  for (const s of report.skipped ?? []) {
    const key = `${s.direction}\u0000${s.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].map((g) =>
    g.length === 1
      ? `skipped ${g[0]!.id} (${g[0]!.direction}): ${g[0]!.reason}`
      : `skipped ${g.length} ${g[0]!.direction} rows: ${g[0]!.reason}: ${g.map((s) => s.id).join(', ')}`,
  );
}

/** "rows 40 pass / 3 fail / 0 unknown · probes 95 · results 120 pass / 3 fail / 0 unknown · 1.8 s" */
export function summaryLine(report: Report): string {
  const s = report.summary;
  const rows = s.rows ? `rows ${s.rows.pass} pass / ${s.rows.fail} fail / ${s.rows.unknown} unknown · ` : '';
  return `${rows}${runFigures(report)}`;
}

/**
 * A reason that names its own port, worded for all the ports of a group: the port as the subject becomes "each"
 * ("tcp/1741 is already in use" -> "each is already in use", "binding udp/69 failed" -> "binding each failed"),
 * anywhere else "them" ("nothing listens on tcp/50015" -> "nothing listens on them").
 */
export function portlessReason(r: Pick<Report['results'][number], 'reason' | 'protocol' | 'port' | 'probedPort'>) {
  const own = `${r.protocol}/${r.probedPort ?? r.port}`;
  const subject = r.reason.startsWith(`${own} `) ? `each${r.reason.slice(own.length)}` : r.reason;
  return subject.split(`binding ${own}`).join('binding each').split(own).join('them');
}

/**
 * One line per (host, direction, protocol, state, reason) that did not pass, its ports compressed.
 * `samePortless`: reasons that differ only by naming their own port are one group (the terminal's short form).
 */
export function failureLines(report: Report, samePortless = false): string[] {
  const groups = new Map<string, { first: Report['results'][number]; ports: number[] }>();
  for (const r of report.results) {
    if (r.verdict === 'pass') continue;
    const reason = samePortless ? portlessReason(r) : r.reason;
    const key = `${r.host}|${r.direction}|${r.protocol}|${r.state}|${reason}`;
    const g = groups.get(key) ?? { first: r, ports: [] };
    g.ports.push(r.port);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ first, ports }) => {
    // One port (in several rows) keeps its own words: the line names it.
    const r = samePortless && new Set(ports).size > 1 ? { ...first, reason: portlessReason(first) } : first;
    const mark = r.verdict === 'unknown' ? '?' : '✘';
    const offset = r.probedPort !== undefined ? ` (probed at +${r.probedPort - r.port})` : '';
    const reason = r.reason ? ` — ${r.reason}` : '';
    return `${mark} ${r.host} ${r.direction} ${r.protocol}/${compressPorts(ports)}${offset}: ${r.state}${reason}`;
  });
}
