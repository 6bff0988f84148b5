import net from 'node:net';
import { InputError } from '../errors.js';
import { boundedInt as intOption, wholeNumber } from '../options/fields.js';
import { validateTable } from '../table/validate-table.js';
import type { Direction, PortRow, PortTable } from '../table/types.js';
import type { OnlySelection } from '../plan/build-plan.js';

/** The parts every listen and check request shares, validated. */
export interface CommonRequest {
  table: PortTable;
  apps: string[];
  direction: Direction | 'both';
  only?: OnlySelection;
  portOffset: number;
}

/** A validated listen request. */
export interface ListenRequest extends CommonRequest {
  bind?: string;
  durationS: number;
  allow: string[];
}

/** A validated check request. */
export interface CheckRequest extends CommonRequest {
  hosts: string[];
  peers: Map<string, string[]>;
  timeoutMs: number;
  retries: number;
  concurrency: number;
}

/** Longest an agent-started responder runs. */
export const MAX_RESPONDER_S = 3600;
const MAX_LIST = 64;

type Body = Record<string, unknown>;

/** A list of at most `max` strings of at most `len` characters (absent: empty). */
export function strings(name: string, value: unknown, max = MAX_LIST, len = 255): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > max || value.some((v) => typeof v !== 'string' || v.length > len))
    throw new InputError(`${name}: expected at most ${max} strings of at most ${len} characters`);
  return value as string[];
}

// The table a request carries, validated exactly as a file would be.
function tableOf(doc: unknown): PortTable {
  const problem = validateTable(doc);
  if (problem) {
    const where = [problem.row && `row ${problem.row}`, problem.field && `field "${problem.field}"`, problem.message];
    throw new InputError(`table: ${where.filter(Boolean).join(', ')}`);
  }
  const t = doc as { product: string; rows: PortRow[] };
  const rows = t.rows.map((r) => ({ ...r, anyOf: r.anyOf ?? false, notes: r.notes ?? [] }));
  return { file: 'request', product: t.product, rows };
}

// table, apps, direction, only and the port offset.
function common(body: Body): CommonRequest {
  const direction = body.direction ?? 'both';
  if (direction !== 'inbound' && direction !== 'outbound' && direction !== 'both')
    throw new InputError('direction: expected inbound, outbound or both');
  let only: OnlySelection | undefined;
  if (body.only !== undefined) {
    if (!Array.isArray(body.only) || body.only.length > 65535)
      throw new InputError('only: expected a list of ports and row ids');
    only = new Set(
      body.only.map((p) => (typeof p === 'string' ? strings('only', [p], 1, 128)[0]! : intOption('only', p, 1, 65535))),
    );
  }
  return {
    table: tableOf(body.table),
    apps: strings('apps', body.apps),
    direction,
    only,
    portOffset: wholeNumber('portOffset', body.portOffset),
  };
}

/** Validates a listen request: the responder allows only the given sources, for a bounded time. */
export function listenRequest(body: Body): ListenRequest {
  const allow = strings('allow', body.allow, 16, 64);
  if (allow.length === 0) throw new InputError("allow: an agent-started responder needs the prober's address");
  if (body.bind !== undefined && (typeof body.bind !== 'string' || !net.isIP(body.bind)))
    throw new InputError('bind: expected an address of this host');
  return {
    ...common(body),
    bind: body.bind as string | undefined,
    durationS: intOption('duration', body.duration ?? 600, 1, MAX_RESPONDER_S),
    allow,
  };
}

/** Validates a check request with the command line's bounds. */
export function checkRequest(body: Body): CheckRequest {
  const peers = new Map<string, string[]>();
  const given = body.peers ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw new InputError('peers: expected ROLE: [HOST]');
  const entries = Object.entries(given);
  if (entries.length > MAX_LIST) throw new InputError(`peers: at most ${MAX_LIST} roles`);
  for (const [role, hosts] of entries) peers.set(role, strings(`peers.${role}`, hosts));
  return {
    ...common(body),
    hosts: strings('hosts', body.hosts),
    peers,
    // The command line's bounds and defaults, from the one option path (src/options).
    timeoutMs: wholeNumber('timeoutMs', body.timeoutMs),
    retries: wholeNumber('retries', body.retries),
    concurrency: wholeNumber('concurrency', body.concurrency),
  };
}

/** Validates the nonces of a `seen` request. */
export function seenRequest(body: Body): string[] {
  const nonces = strings('nonces', body.nonces, 200000, 32);
  if (nonces.some((n) => !/^[0-9a-f]{32}$/.test(n))) throw new InputError('nonces: expected 32 hex digits each');
  return nonces;
}
