import { formatPorts } from '../table/port-spec.js';
import { rowVerdict } from './row-verdict.js';
import type { Plan } from '../plan/types.js';
import { rowKeys } from '../model/keys.js';
import { VERDICTS, type ResultState, type Verdict } from '../model/state.js';
import type { ResultEntry, RowResult, Summary, VerdictCounts } from '../model/report.js';

/** What was observed for one planned probe: a probe's outcome, a bind, or a socket-table look-up. */
export interface Observation {
  state: ResultState;
  reason: string;
  latencyMs: number;
  verified: boolean;
  address: string;
  observedSource?: string;
  /** Our own address for the probe. */
  localAddress?: string;
  /** UDP with a token, silent: the nonces sent. */
  nonces?: string[];
  interrupted?: boolean;
  process?: string;
  /** audit: bound only on loopback (or only on addresses other than the one clients use): clients cannot reach it. */
  unreachable?: boolean;
  /** check: attempts sent for the probe. */
  attempts?: number;
}

/** results, rows and summary of a report. */
export interface Assembled {
  results: ResultEntry[];
  rows: RowResult[];
  summary: Summary;
  incomplete: boolean;
}

// One result entry per expectation whose probe was sent.
function resultEntries(
  plan: Plan,
  outcomes: Map<string, Observation>,
  verdictOf: (o: Observation) => Verdict,
  offset: number,
): ResultEntry[] {
  const out: ResultEntry[] = [];
  for (const e of plan.expectations) {
    const o = outcomes.get(e.probeKey);
    if (!o || o.interrupted) continue;
    const entry: ResultEntry = {
      id: e.row.id,
      service: e.row.service,
      application: e.row.application,
      direction: e.direction,
      protocol: e.row.protocol,
      port: e.port,
      host: e.host,
      address: o.address,
      state: o.state,
      verdict: verdictOf(o),
      verified: o.verified,
      latencyMs: o.latencyMs,
      reason: o.reason,
    };
    if (offset !== 0) entry.probedPort = e.port + offset;
    if (o.localAddress) entry.source = o.localAddress;
    if (o.observedSource) entry.observedSource = o.observedSource;
    if (o.process) entry.process = o.process;
    if (o.nonces) entry.nonces = o.nonces;
    if (o.attempts !== undefined) entry.attempts = o.attempts;
    out.push(entry);
  }
  return out;
}

// One verdict per (row, host, direction), in the order rows were planned.
function rowResults(plan: Plan, results: ResultEntry[]): RowResult[] {
  const groups = new Map<
    string,
    {
      row: Plan['expectations'][number]['row'];
      entries: ResultEntry[];
      host: string;
      direction: ResultEntry['direction'];
      expected: number;
    }
  >();
  const expectedKey = rowKeys();
  for (const e of plan.expectations) {
    const key = expectedKey({ id: e.row.id, host: e.host, direction: e.direction });
    const g = groups.get(key) ?? { row: e.row, entries: [], host: e.host, direction: e.direction, expected: 0 };
    g.expected++;
    groups.set(key, g);
  }
  const resultKey = rowKeys();
  for (const r of results) groups.get(resultKey(r))?.entries.push(r);
  return [...groups.values()]
    .filter((g) => g.entries.length === g.expected)
    .map((g) => ({
      id: g.row.id,
      direction: g.direction,
      host: g.host,
      verdict: rowVerdict(
        g.entries.map((e) => e.verdict),
        g.row.anyOf ?? false,
      ),
      service: g.row.service,
      application: g.row.application,
      protocol: g.row.protocol,
      ports: formatPorts(g.row.ports, g.row.anyOf),
      anyOf: g.row.anyOf ?? false,
      passed: g.entries.filter((e) => e.verdict === 'pass').length,
      total: g.entries.length,
      failedPorts: g.entries.filter((e) => e.verdict !== 'pass').map((e) => e.port),
    }));
}

/** Counts verdicts. */
export function count(items: ReadonlyArray<{ verdict: Verdict }>): VerdictCounts {
  const c = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as unknown as VerdictCounts;
  for (const i of items) c[i.verdict]++;
  return c;
}

/** The summary of a report: probes sent, verdicts of results, verdicts of rows. */
export function summarize(probes: number, results: readonly ResultEntry[], rows: readonly RowResult[]): Summary {
  return { probes, ...count(results), rows: count(rows) };
}

/** Fans observations back out to every row that needs them, and decides rows. */
export function assemble(
  plan: Plan,
  outcomes: Map<string, Observation>,
  verdictOf: (o: Observation) => Verdict,
  offset: number,
): Assembled {
  const results = resultEntries(plan, outcomes, verdictOf, offset);
  const rows = rowResults(plan, results);
  const sent = [...outcomes.values()].filter((o) => !o.interrupted).length;
  const incomplete = sent < plan.probes.length;
  return { results, rows, summary: summarize(sent, results, rows), incomplete };
}
