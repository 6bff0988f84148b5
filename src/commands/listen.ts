import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildPlan, type OnlySelection } from '../plan/build-plan.js';
import { filterRows, directionsOf, roleOf } from '../table/filter-rows.js';
import { assemble, type Observation } from '../verdict/assemble.js';
import { buildReport } from '../verdict/build-report.js';
import {
  startResponder,
  defaultBindAddress,
  newResponderContext,
  type BindTarget,
  type ResponderLimits,
} from '../responder/start-responder.js';
import { currentPlatform } from '../platform/index.js';
import { ownersByPort } from '../audit/owners.js';
import type { AllowList } from '../responder/allow-list.js';
import type { ReceiveLog } from '../responder/receive-log.js';
import type { Listener, ResponderStats } from '../responder/types.js';
import type { Direction, PortTable } from '../table/types.js';
import type { Report } from '../report/types.js';

/** Everything `listen` needs. */
export interface ListenOptions {
  table: PortTable;
  apps: string[];
  direction: Direction | 'both';
  only?: OnlySelection;
  /** --peer-role: stand in for this role only (inbound rows from it, outbound rows to it). */
  peerRole?: string;
  bind?: string;
  portOffset: number;
  token?: string;
  allow: AllowList;
  /** The responder's limits, where they differ from the defaults (tests). */
  limits?: Partial<ResponderLimits>;
  /** Name the programs holding ports that are in use (false for agents: owners never go over the wire). */
  owners?: boolean;
  /** Records request nonces as they arrive (agents). */
  log?: ReceiveLog;
}

/** A running responder: its bind report, its counters, and how to stop it. */
export interface RunningResponder {
  report: Report;
  stats: ResponderStats;
  close(): Promise<void>;
}

/** Binds the selected rows' ports and serves them until close(). */
export async function startListen(opts: ListenOptions): Promise<RunningResponder> {
  const startedAt = new Date();
  const t0 = performance.now();
  const filter = { apps: opts.apps, aliases: opts.table.aliases, direction: opts.direction, role: opts.peerRole };
  const rows = filterRows(opts.table.rows, filter);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const host = os.hostname();
  const plan = buildPlan({
    rows,
    hosts: [host],
    peers: new Map(),
    directions: directionsOf(opts.direction),
    only: opts.only,
    portOffset: opts.portOffset,
    keep: opts.peerRole ? (id, direction) => roleOf(byId.get(id)!, direction) === opts.peerRole : undefined,
  });
  const address = await defaultBindAddress(opts.bind);
  const ctx = newResponderContext({ token: opts.token, allow: opts.allow, log: opts.log, limits: opts.limits });
  const stats = ctx.stats;
  const targets: BindTarget[] = plan.probes.map((p) => ({
    protocol: p.protocol,
    port: p.port,
    probedPort: p.probedPort,
  }));
  const { outcomes, listeners } = await startResponder(targets, address, ctx);
  const owners =
    opts.owners !== false && outcomes.some((o) => o.status === 'in-use')
      ? await ownersByPort(currentPlatform())
      : new Map<string, string>();
  const observations = new Map<string, Observation>();
  for (const [i, o] of outcomes.entries()) {
    const owner = owners.get(`${o.protocol}|${o.probedPort}`);
    observations.set(plan.probes[i]!.key, {
      state: o.status,
      reason: owner ? `${o.detail}: ${owner}` : o.detail,
      latencyMs: 0,
      verified: false,
      address: o.address,
      ...(owner ? { process: owner } : {}),
    });
  }
  const assembled = assemble(plan, observations, (o) => (o.state === 'bound' ? 'pass' : 'fail'), opts.portOffset);
  const settings = {
    bind: address,
    direction: opts.direction,
    portOffset: opts.portOffset,
    verified: opts.token !== undefined,
    allow: opts.allow.size,
    table: opts.table.product,
  };
  const report = buildReport({ command: 'listen', startedAt, t0, settings, table: opts.table }, assembled, plan);
  return { report, stats, close: () => closeAll(listeners) };
}

// Closes every listener.
async function closeAll(listeners: Listener[]): Promise<void> {
  await Promise.all(listeners.map((l) => l.close()));
}
