import os from 'node:os';
import { startListen, type RunningResponder } from '../commands/listen.js';
import { runCheck } from '../commands/check.js';
import { validateTable } from '../table/validate-table.js';
import { parseAllowList } from '../responder/allow-list.js';
import { TOOL } from '../version.js';
import type { ReceiveLog } from '../responder/receive-log.js';
import type { Direction, PortRow, PortTable } from '../table/types.js';

/** An agent's state between requests. */
export interface AgentState {
  token: string;
  responders: Map<string, RunningResponder>;
  log: ReceiveLog;
  seenNonces: Map<string, number>;
  nextId: number;
}

/** The table a request carries, validated exactly as a file would be. */
function tableOf(doc: unknown): PortTable {
  const problem = validateTable(doc);
  if (problem)
    throw new Error(
      `table: ${[problem.row && `row ${problem.row}`, problem.field && `field "${problem.field}"`, problem.message].filter(Boolean).join(', ')}`,
    );
  const t = doc as { product: string; rows: PortRow[] };
  return {
    file: 'request',
    product: t.product,
    rows: t.rows.map((r) => ({ ...r, anyOf: r.anyOf ?? false, notes: r.notes ?? [] })),
  };
}

interface Common {
  table: unknown;
  apps?: string[];
  direction: Direction | 'both';
  only?: Array<number | string>;
  portOffset?: number;
}

// listen: starts a responder that records every nonce it receives; it stops itself after `duration`.
async function listen(body: Common & { bind?: string; duration?: number }, state: AgentState) {
  const running = await startListen({
    table: tableOf(body.table),
    apps: body.apps ?? [],
    direction: body.direction,
    only: body.only ? new Set(body.only) : undefined,
    bind: body.bind,
    portOffset: body.portOffset ?? 0,
    token: state.token,
    allow: parseAllowList([]),
    log: state.log,
  });
  const id = `r${state.nextId++}`;
  state.responders.set(id, running);
  const stop = setTimeout(() => void stopResponder(id, state), Math.min(body.duration ?? 300, 3600) * 1000);
  stop.unref();
  return { id, report: running.report };
}

// stop: closes a responder (idempotent).
async function stopResponder(id: string, state: AgentState) {
  const r = state.responders.get(id);
  state.responders.delete(id);
  if (r) await r.close();
  return { stopped: Boolean(r) };
}

// check: runs a check from this host with the shared token.
async function check(
  body: Common & {
    hosts: string[];
    peers?: Record<string, string[]>;
    timeoutMs?: number;
    retries?: number;
    concurrency?: number;
  },
  state: AgentState,
) {
  const report = await runCheck({
    table: tableOf(body.table),
    apps: body.apps ?? [],
    hosts: body.hosts ?? [],
    peers: new Map(Object.entries(body.peers ?? {})),
    direction: body.direction,
    only: body.only ? new Set(body.only) : undefined,
    portOffset: body.portOffset ?? 0,
    concurrency: body.concurrency ?? 128,
    timeoutMs: body.timeoutMs ?? 2000,
    retries: body.retries ?? 1,
    token: state.token,
    adaptive: true,
  });
  return { report };
}

/** Runs one authenticated request. */
export async function handleRequest(op: string, bodyText: string, state: AgentState): Promise<unknown> {
  const body = JSON.parse(bodyText) as Record<string, unknown>;
  switch (op) {
    case 'hello':
      return { hostname: os.hostname(), version: TOOL.version };
    case 'listen':
      return listen(body as never, state);
    case 'stop':
      return stopResponder(String(body.id), state);
    case 'check':
      return check(body as never, state);
    case 'seen':
      return { arrived: state.log.arrived(Array.isArray(body.nonces) ? body.nonces.map(String) : []) };
    default:
      throw new Error(`unknown operation "${op}"`);
  }
}
