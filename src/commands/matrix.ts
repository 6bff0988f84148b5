import { lookup } from 'node:dns/promises';
import { performance } from 'node:perf_hooks';
import { normalizeHost } from '../probe/resolve-hosts.js';
import { callAgent, type AgentAddress } from '../agent/agent-client.js';
import { buildPlan, checkPortOffset, peerRole, selectedPorts } from '../plan/build-plan.js';
import { filterRows } from '../table/filter-rows.js';
import { checkMatrixSelection } from './matrix-selection.js';
import { ROLE_NOTE } from './check.js';
import { assemble, summarize, type Observation } from '../verdict/assemble.js';
import { buildReport } from '../verdict/build-report.js';
import type { Direction, PortRow, PortTable } from '../table/types.js';
import type { MatrixInput } from '../options/normalize-options.js';
import type { Report } from '../model/report.js';

/** Everything `matrix` needs. */
export interface MatrixOptions extends MatrixInput {
  table: PortTable;
}

/** Checks a matrix run before any agent is asked: the offset must keep the selected ports within 1-65535. */
export function planMatrix(table: PortTable, input: MatrixInput): MatrixOptions {
  checkPortOffset(filterRows(table.rows, { ...input, aliases: table.aliases }), input.portOffset, input.only);
  checkMatrixSelection(table, input);
  return { ...input, table };
}

type Part = Pick<Report, 'results' | 'rows'> & { probes: number; notes: string[] };

const agent = (o: MatrixOptions, host: string): AgentAddress => ({
  host,
  port: o.controlPort,
  token: o.token,
  pin: o.pins.get(host),
});
const tableDoc = (rows: PortRow[], product: string) => ({ product, rows });
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

// Every planned cell failed for one reason (an agent that cannot be reached or refused).
function failedPart(
  rows: PortRow[],
  host: string,
  from: string,
  direction: Direction,
  o: MatrixOptions,
  reason: string,
): Part {
  const peers = new Map(direction === 'outbound' ? rows.map((r) => [peerRole(r), [host]] as [string, string[]]) : []);
  const plan = buildPlan({
    rows,
    hosts: [host],
    peers,
    directions: [direction],
    only: o.only,
    portOffset: o.portOffset,
  });
  const obs = new Map<string, Observation>(
    plan.probes.map((p) => [p.key, { state: 'error', reason, latencyMs: 0, verified: false, address: '' }]),
  );
  const a = assemble(plan, obs, () => 'fail', o.portOffset);
  return tag({ results: a.results, rows: a.rows, probes: 0, notes: [] }, from);
}

// Marks every result and row with the host its probes left from.
function tag(part: Part, from: string): Part {
  for (const r of part.results) r.from = from;
  for (const r of part.rows) r.from = from;
  return part;
}

// For silent UDP probes, asks the listening agent which datagrams arrived.
async function oneWay(part: Part, listener: AgentAddress): Promise<void> {
  const silent = part.results.filter((r) => r.nonces?.length);
  if (silent.length === 0) return;
  const { arrived } = await callAgent<{ arrived: string[] }>(listener, 'seen', {
    nonces: [...new Set(silent.flatMap((r) => r.nonces!))],
  });
  const got = new Set(arrived);
  for (const r of silent) {
    const delivered = r.nonces!.some((n) => got.has(n));
    r.delivery = delivered ? 'reply-blocked' : 'not-delivered';
    r.reason = delivered
      ? 'delivered, reply blocked: the responder got the datagram, its answer was dropped on the way back'
      : 'never delivered: dropped on the way to the responder';
    delete r.nonces;
  }
}

// The addresses a responder should answer: where the prober's name points, and the source its agent says it
// sends from towards the probed host (they differ on multi-homed hosts; behind NAT neither is what arrives).
async function proberAddresses(o: MatrixOptions, prober: string, probed: string): Promise<string[]> {
  const named = await lookup(normalizeHost(prober), { all: true }).catch(() => []);
  const { sources } = await callAgent<{ sources: string[] }>(agent(o, prober), 'hello', { towards: [probed] });
  return [...new Set([...named.map((a) => a.address), ...sources])].slice(0, 16);
}

// One leg: `listener` stands in with a responder, `prober` checks it; the responder is stopped whatever happens.
async function leg(
  o: MatrixOptions,
  rows: PortRow[],
  direction: Direction,
  listener: string,
  prober: string,
  target: Record<string, unknown>,
): Promise<Part> {
  // The host whose ports are probed: the server inbound, the listening peer outbound.
  const probed = direction === 'inbound' ? o.server : listener;
  if (rows.length === 0) return { results: [], rows: [], probes: 0, notes: [] };
  const common = {
    table: tableDoc(rows, o.table.product),
    apps: [],
    direction,
    only: o.only ? [...o.only] : undefined,
    portOffset: o.portOffset,
  };
  let id: string | undefined;
  try {
    const started = await callAgent<{ id: string; report: Report }>(agent(o, listener), 'listen', {
      ...common,
      duration: 600,
      allow: await proberAddresses(o, prober, probed),
    });
    id = started.id;
    const unbound = started.report.results.filter((r) => r.state !== 'bound');
    const what = [...new Set(unbound.map((r) => `${r.protocol}/${r.probedPort ?? r.port} (${r.state})`))];
    const notes = unbound.length ? [`responder on ${listener} could not bind ${what.join(', ')}`] : [];
    try {
      const { report } = await callAgent<{ report: Report }>(agent(o, prober), 'check', {
        ...common,
        ...target,
        timeoutMs: o.timeoutMs,
        retries: o.retries,
        concurrency: o.concurrency,
      });
      const part = tag(
        {
          results: report.results,
          rows: report.rows,
          probes: report.summary.probes,
          // The agent's check speaks of its own host and of --as: not this matrix's words.
          notes: [...notes, ...(report.notes ?? []).filter((n) => !n.startsWith(ROLE_NOTE))],
        },
        prober,
      );
      await oneWay(part, agent(o, listener)).catch((err: unknown) => part.notes.push(`one-way check: ${message(err)}`));
      return part;
    } catch (err) {
      return failedPart(rows, probed, prober, direction, o, message(err));
    }
  } catch (err) {
    return failedPart(rows, probed, prober, direction, o, message(err));
  } finally {
    if (id) await callAgent(agent(o, listener), 'stop', { id }).catch(() => undefined);
  }
}

// Inbound rows whose source role has --peer ROLE=HOST are checked from those hosts; the rest from each --client.
async function inboundLegs(o: MatrixOptions, rows: PortRow[], skipped: NonNullable<Report['skipped']>) {
  const inbound = rows.filter((r) => r.inbound);
  const byRole = (r: PortRow) => r.from !== undefined && o.peers.has(r.from);
  const parts: Part[] = [];
  const fromClients = inbound.filter((r) => !byRole(r));
  for (const client of o.clients)
    parts.push(await leg(o, fromClients, 'inbound', o.server, client, { hosts: [o.server] }));
  if (o.clients.length === 0)
    for (const r of fromClients)
      skipped.push({ id: r.id, direction: 'inbound', reason: `no --client HOST or --peer ${r.from ?? 'ROLE'}=HOST` });
  for (const [role, hosts] of o.peers) {
    const roleRows = inbound.filter((r) => r.from === role);
    for (const host of hosts) parts.push(await leg(o, roleRows, 'inbound', o.server, host, { hosts: [o.server] }));
  }
  return parts;
}

/**
 * Both ends in one command: for inbound rows the server's agent listens and each client's agent
 * checks (or, for rows whose source role has --peer ROLE=HOST, that host's agent); for outbound rows each
 * peer's agent listens and the server's agent checks.
 */
export async function runMatrix(o: MatrixOptions): Promise<Report> {
  const startedAt = new Date();
  const t0 = performance.now();
  const rows = filterRows(o.table.rows, { apps: o.apps, aliases: o.table.aliases, direction: o.direction }).filter(
    (r) => selectedPorts(r, o.only).length > 0,
  );
  const parts: Part[] = [];
  const skipped: NonNullable<Report['skipped']> = [];
  if (o.direction !== 'outbound') parts.push(...(await inboundLegs(o, rows, skipped)));
  if (o.direction !== 'inbound') {
    for (const r of rows.filter((x) => x.outbound && !o.peers.has(peerRole(x))))
      skipped.push({ id: r.id, direction: 'outbound', reason: `no --peer ${peerRole(r)}=HOST` });
    for (const [role, hosts] of o.peers) {
      const roleRows = rows.filter((r) => r.outbound && peerRole(r) === role);
      for (const peer of hosts)
        parts.push(await leg(o, roleRows, 'outbound', peer, o.server, { hosts: [], peers: { [role]: [peer] } }));
    }
  }
  const results = parts.flatMap((p) => p.results);
  const rowResults = parts.flatMap((p) => p.rows);
  const probes = parts.reduce((n, p) => n + p.probes, 0);
  const settings = {
    server: o.server,
    clients: o.clients,
    peers: Object.fromEntries(o.peers),
    direction: o.direction,
    controlPort: o.controlPort,
    portOffset: o.portOffset,
    timeoutMs: o.timeoutMs,
    retries: o.retries,
    verified: true,
    table: o.table.product,
  };
  const assembled = { results, rows: rowResults, summary: summarize(probes, results, rowResults), incomplete: false };
  const notes = parts.flatMap((p) => p.notes);
  return buildReport({ command: 'matrix', startedAt, t0, settings, table: o.table, notes, skipped }, assembled);
}
