import type { ResultState } from '../model/state.js';
import type { Observation } from '../verdict/assemble.js';
import type { ProbeSpec } from '../plan/types.js';
import type { ListeningSocket, SocketTable } from '../platform/types.js';
import { groupBy } from '../util/group-by.js';
import { portKey } from '../model/keys.js';
import { bindTest, type BindResult } from './bind-test.js';
import { describeOwner } from './owners.js';
import { isLoopbackAddress, plainAddress } from '../util/address.js';

/** What the server should look like: before installation every port free, after it every port listening. */
export type Expectation = 'free' | 'listening';

/** How audit saw the sockets: the OS's own list, or a bind test on each port (the report's `method`). */
export type AuditMethod = 'socket-table' | 'bind-test';

/** Looks one port up; the method says how. */
export interface PortObserver {
  method: AuditMethod;
  /** Why the OS's list was not used (bind-test only). */
  why?: string;
  observe(p: ProbeSpec, expect: Expectation): Promise<Observation>;
}

// The words for a taken or free port, the same whichever method saw it.
function describe(p: ProbeSpec, taken: boolean, expect: Expectation, owner: string, on: string): string {
  const where = `${p.protocol}/${p.probedPort}`;
  if (taken && expect === 'free') {
    const by = owner ? ` by ${owner}` : '';
    return (
      `${where} is already in use${by}: it conflicts with the product; ` + 'stop or move that program before installing'
    );
  }
  if (taken) return `listening${on ? ` on ${on}` : ''}${owner ? ` (${owner})` : ''}`;
  return expect === 'listening'
    ? `nothing listens on ${where}: the service is not running, or uses another port`
    : 'free';
}

// An observation with the fields every audit result carries.
function observation(state: ResultState, reason: string, address = '', owner = ''): Observation {
  return { state, reason, latencyMs: 0, verified: false, address, ...(owner ? { process: owner } : {}) };
}

// Sockets on every address of this host (IPv4 or IPv6 wildcard; a dual-stack "::" takes IPv4 too).
const WILDCARDS = new Set(['0.0.0.0', '::', '*', '[::]']);

// Why clients cannot reach a port whose every socket is bound to one of `holders`' addresses, or undefined:
// loopback only, or (given the address clients use) only other specific addresses.
function unreachableWhy(holders: ListeningSocket[], clientAddress?: string): string | undefined {
  if (holders.every((h) => isLoopbackAddress(h.address))) return 'clients cannot reach it';
  if (clientAddress === undefined) return undefined;
  const used = plainAddress(clientAddress);
  const reached = holders.some((h) => WILDCARDS.has(h.address) || plainAddress(h.address) === used);
  return reached ? undefined : `not on ${clientAddress}, the address clients use: they cannot reach it`;
}

// From the OS's list: taken when a socket holds the port, with its owner and addresses.
function fromTable(sockets: Map<string, ListeningSocket[]>, clientAddress?: string) {
  return async (p: ProbeSpec, expect: Expectation): Promise<Observation> => {
    const holders = sockets.get(portKey(p.protocol, p.probedPort)) ?? [];
    const owner = [...new Set(holders.map(describeOwner).filter(Boolean))].join(', ');
    const on = [...new Set(holders.map((h) => h.address))].join(', ');
    const taken = holders.length > 0;
    const why = taken && expect === 'listening' ? unreachableWhy(holders, clientAddress) : undefined;
    if (why) {
      const reason = `listening only on ${on}${owner ? ` (${owner})` : ''}: ${why}`;
      return { ...observation('listening', reason, on, owner), unreachable: true };
    }
    return observation(taken ? 'listening' : 'free', describe(p, taken, expect, owner, on), on, owner);
  };
}

// From a bind test: taken, free, or unknown when the bind failed for another reason (privileges).
function fromBindTest(test: (p: ProbeSpec) => Promise<BindResult>) {
  return async (p: ProbeSpec, expect: Expectation): Promise<Observation> => {
    const r = await test(p);
    if (r.state === 'unknown') return observation('unknown', `${r.why}: cannot tell whether it is free`);
    const taken = r.state === 'taken';
    const reason = describe(p, taken, expect, '', '');
    return observation(taken ? 'listening' : 'free', taken ? `${reason} (a bind test found it taken)` : reason);
  };
}

/**
 * Chooses how to see the ports: the OS's list when it could be read and lists something; otherwise
 * (unreadable, unknown format, no PIDs, empty) a bind test on each port, never "free" from an empty list.
 */
export function portObserver(
  table: SocketTable,
  test: (p: ProbeSpec) => Promise<BindResult> = (p) => bindTest(p.protocol, p.probedPort),
  clientAddress?: string,
): PortObserver {
  if (table.ok && table.sockets.length > 0) {
    return {
      method: 'socket-table',
      observe: fromTable(
        groupBy(table.sockets, (s) => portKey(s.protocol, s.port)),
        clientAddress,
      ),
    };
  }
  const why = table.ok ? `${table.source} listed no socket at all` : table.why;
  return { method: 'bind-test', why, observe: fromBindTest(test) };
}
