import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildPlan } from '../plan/build-plan.js';
import { filterRows, directionsOf } from '../table/filter-rows.js';
import { assemble, type Observation } from '../verdict/assemble.js';
import { buildReport } from '../verdict/build-report.js';
import { describeOwner } from '../audit/owners.js';
import { portTaken } from '../audit/bind-test.js';
import type { ListeningSocket, Platform } from '../platform/types.js';
import type { Direction, PortTable } from '../table/types.js';
import type { Report } from '../report/types.js';
import type { ProbeSpec } from '../plan/types.js';
import { groupBy } from '../util/group-by.js';

/** What the server should look like: before installation every port free, after it every port listening. */
export type Expectation = 'free' | 'listening';

/** Everything `audit` needs. */
export interface AuditOptions {
  table: PortTable;
  apps: string[];
  direction: Direction | 'both';
  only?: Set<number>;
  portOffset: number;
  expect: Expectation;
  platform: Platform;
}

// The state of one port from the socket table (or a bind test where there is none).
async function observe(
  p: ProbeSpec,
  sockets: Map<string, ListeningSocket[]>,
  useBindTest: boolean,
  expect: Expectation,
): Promise<Observation> {
  const holders = sockets.get(`${p.protocol}|${p.probedPort}`) ?? [];
  const taken = holders.length > 0 || (useBindTest && (await portTaken(p.protocol, p.probedPort)));
  const owner = [...new Set(holders.map(describeOwner).filter(Boolean))].join(', ');
  const on = holders
    .map((h) => h.address)
    .filter((a, i, all) => all.indexOf(a) === i)
    .join(', ');
  const where = `${p.protocol}/${p.probedPort}`;
  const reason = taken
    ? expect === 'free'
      ? `${where} is already in use${owner ? ` by ${owner}` : ''}: it conflicts with the product; stop or move that program before installing`
      : `listening${on ? ` on ${on}` : ''}${owner ? ` (${owner})` : ''}`
    : expect === 'listening'
      ? `nothing listens on ${where}: the service is not running, or uses another port`
      : 'free';
  return {
    state: taken ? 'listening' : 'free',
    reason,
    latencyMs: 0,
    verified: false,
    address: on,
    ...(owner ? { process: owner } : {}),
  };
}

/** On the server itself: which of the table's ports are free, which taken, and by what. */
export async function runAudit(opts: AuditOptions): Promise<Report> {
  const startedAt = new Date();
  const t0 = performance.now();
  const rows = filterRows(opts.table.rows, { apps: opts.apps, aliases: opts.table.aliases, direction: opts.direction });
  const plan = buildPlan({
    rows,
    hosts: [os.hostname()],
    peers: new Map(),
    directions: directionsOf(opts.direction),
    only: opts.only,
    portOffset: opts.portOffset,
  });
  const list = await opts.platform.listeningSockets();
  const sockets = groupBy(list, (s) => `${s.protocol}|${s.port}`);
  const useBindTest = opts.platform.name === 'other';
  const observations = new Map<string, Observation>();
  for (const p of plan.probes) observations.set(p.key, await observe(p, sockets, useBindTest, opts.expect));
  const assembled = assemble(plan, observations, (o) => (o.state === opts.expect ? 'pass' : 'fail'), opts.portOffset);
  const settings = {
    expect: opts.expect,
    direction: opts.direction,
    portOffset: opts.portOffset,
    platform: opts.platform.name,
    table: opts.table.product,
  };
  return buildReport({ command: 'audit', startedAt, t0, settings, table: opts.table }, assembled, plan);
}
