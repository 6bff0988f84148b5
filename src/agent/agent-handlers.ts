import os from 'node:os';
import { startListen, type RunningResponder } from '../commands/listen.js';
import { runCheck } from '../commands/check.js';
import { ReceiveLog } from '../responder/receive-log.js';
import { InputError } from '../errors.js';
import { TOOL } from '../version.js';
import { checkRequest, listenRequest, seenRequest, strings } from './agent-requests.js';
import { resolveHosts } from '../probe/resolve-hosts.js';
import { sourceAddressFor } from '../probe/source-address.js';
import type { TargetList } from './target-list.js';

/** Responders an agent runs at once. */
const MAX_RESPONDERS = 4;
/** Checks an agent runs at once. */
const MAX_CHECKS = 2;

/** An agent's state between requests. */
export interface AgentState {
  token: string;
  targets: TargetList;
  responders: Map<string, RunningResponder>;
  checks: number;
  log: ReceiveLog;
  seenNonces: Map<string, number>;
  nextId: number;
}

/** A fresh agent state. */
export function newAgentState(token: string, targets: TargetList): AgentState {
  return { token, targets, responders: new Map(), checks: 0, log: new ReceiveLog(), seenNonces: new Map(), nextId: 1 };
}

type Body = Record<string, unknown>;

// listen: a responder for the prober's addresses only, that logs answered nonces and stops itself.
async function listen(body: Body, state: AgentState) {
  const req = listenRequest(body);
  if (state.responders.size >= MAX_RESPONDERS)
    throw new InputError(`busy: ${MAX_RESPONDERS} responders already running on this agent`);
  const running = await startListen({
    table: req.table,
    apps: req.apps,
    direction: req.direction,
    only: req.only,
    bind: req.bind,
    portOffset: req.portOffset,
    token: state.token,
    allow: req.allow,
    log: state.log,
    owners: false,
  });
  const id = `r${state.nextId++}`;
  state.responders.set(id, running);
  setTimeout(() => void stopResponder(id, state), req.durationS * 1000).unref();
  return { id, report: running.report };
}

// stop: closes a responder (idempotent).
async function stopResponder(id: unknown, state: AgentState) {
  const key = String(id);
  const r = state.responders.get(key);
  state.responders.delete(key);
  if (r) await r.close();
  return { stopped: Boolean(r) };
}

// check: runs a check from this host with the shared token, within the agent's --targets.
async function check(body: Body, state: AgentState) {
  const req = checkRequest(body);
  if (state.checks >= MAX_CHECKS) throw new InputError(`busy: ${MAX_CHECKS} checks already running on this agent`);
  state.checks++;
  try {
    const report = await runCheck({
      ...req,
      token: state.token,
      adaptive: true,
      refuseTarget: state.targets.refuses,
    });
    return { report };
  } finally {
    state.checks--;
  }
}

// The local addresses this host would send from to reach each of `towards` (a route look-up; nothing is sent).
async function sourcesTowards(towards: unknown): Promise<string[]> {
  const hosts = strings('towards', towards, 16);
  const out = await Promise.all(
    hosts.map(async (h) => {
      const resolved = await resolveHosts([h]).catch(() => new Map());
      const r = resolved.get(h);
      return r && 'address' in r ? sourceAddressFor(r.address) : undefined;
    }),
  );
  return [...new Set(out.filter((a): a is string => a !== undefined))];
}

/** Runs one authenticated request; every body is validated before anything binds or probes. */
export async function handleRequest(op: string, bodyText: string, state: AgentState): Promise<unknown> {
  let body: Body;
  try {
    body = JSON.parse(bodyText) as Body;
  } catch {
    throw new InputError('body: expected JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new InputError('body: expected an object');
  switch (op) {
    case 'hello':
      return { hostname: os.hostname(), version: TOOL.version, sources: await sourcesTowards(body.towards) };
    case 'listen':
      return listen(body, state);
    case 'stop':
      return stopResponder(body.id, state);
    case 'check':
      return check(body, state);
    case 'seen':
      return { arrived: state.log.arrived(seenRequest(body)) };
    default:
      throw new InputError(`unknown operation "${op}"`);
  }
}
