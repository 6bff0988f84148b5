import { formatPorts } from '../table/port-spec.js';
import { probeVerdict } from './probe-verdict.js';
import { rowVerdict } from './row-verdict.js';
import type { Plan } from '../plan/types.js';
import type { ProbeResult } from '../probe/run-probes.js';
import type { ResultEntry, RowResult, Summary } from '../report/types.js';

/** results, rows and summary of a report. */
export interface Assembled { results: ResultEntry[]; rows: RowResult[]; summary: Summary; incomplete: boolean }

// One result entry per expectation whose probe was sent.
function resultEntries(plan: Plan, outcomes: Map<string, ProbeResult>, withToken: boolean, offset: number): ResultEntry[] {
  const out: ResultEntry[] = [];
  for (const e of plan.expectations) {
    const o = outcomes.get(e.probeKey);
    if (!o || o.interrupted) continue;
    const entry: ResultEntry = {
      id: e.row.id, service: e.row.service, application: e.row.application, direction: e.direction,
      protocol: e.row.protocol, port: e.port, host: e.host, address: o.address, state: o.state,
      verdict: probeVerdict(o, withToken), verified: o.verified, latencyMs: o.latencyMs, reason: o.reason,
    };
    if (offset !== 0) entry.probedPort = e.port + offset;
    if (o.observedSource) entry.observedSource = o.observedSource;
    out.push(entry);
  }
  return out;
}

// One verdict per (row, host, direction), in the order rows were planned.
function rowResults(plan: Plan, results: ResultEntry[]): RowResult[] {
  const groups = new Map<string, { row: Plan['expectations'][number]['row']; entries: ResultEntry[]; host: string; direction: ResultEntry['direction']; expected: number }>();
  for (const e of plan.expectations) {
    const key = `${e.row.id}|${e.host}|${e.direction}`;
    const g = groups.get(key) ?? { row: e.row, entries: [], host: e.host, direction: e.direction, expected: 0 };
    g.expected++;
    groups.set(key, g);
  }
  for (const r of results) groups.get(`${r.id}|${r.host}|${r.direction}`)?.entries.push(r);
  return [...groups.values()].filter((g) => g.entries.length === g.expected).map((g) => ({
    id: g.row.id, direction: g.direction, host: g.host,
    verdict: rowVerdict(g.entries.map((e) => e.verdict), g.row.anyOf ?? false),
    service: g.row.service, application: g.row.application, protocol: g.row.protocol,
    ports: formatPorts(g.row.ports, g.row.anyOf), anyOf: g.row.anyOf ?? false,
    passed: g.entries.filter((e) => e.verdict === 'pass').length, total: g.entries.length,
    failedPorts: g.entries.filter((e) => e.verdict !== 'pass').map((e) => e.port),
  }));
}

// Counts verdicts.
function count<T extends { verdict: string }>(items: T[]): { pass: number; fail: number; unknown: number } {
  const c = { pass: 0, fail: 0, unknown: 0 };
  for (const i of items) c[i.verdict as keyof typeof c]++;
  return c;
}

/** Fans probe outcomes back out to every row that needs them, and decides rows. */
export function assemble(plan: Plan, outcomes: Map<string, ProbeResult>, withToken: boolean, offset: number): Assembled {
  const results = resultEntries(plan, outcomes, withToken, offset);
  const rows = rowResults(plan, results);
  const sent = [...outcomes.values()].filter((o) => !o.interrupted).length;
  const incomplete = sent < plan.probes.length;
  return { results, rows, summary: { probes: sent, ...count(results), rows: count(rows) }, incomplete };
}
