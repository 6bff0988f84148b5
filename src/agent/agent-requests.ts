import { allowList, boundedInt, optionalText, wholeNumber } from '../options/fields.js';
import { normalizeSelection, type Selection } from '../options/normalize-options.js';
import { OptionError } from '../options/option-error.js';
import { probeTargets } from '../options/probe-targets.js';
import { tableFromDocument } from '../table/load-table.js';
import type { AllowList } from '../responder/allow-list.js';
import type { PortTable } from '../table/types.js';
import { ipVersion } from '../util/address.js';

/** The parts every listen and check request shares, validated. */
export interface CommonRequest extends Selection {
  table: PortTable;
}

/** A validated listen request. */
export interface ListenRequest extends CommonRequest {
  bind?: string;
  durationS: number;
  /** The prober's addresses: never empty. */
  allow: AllowList;
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

// The agent's own size bound on a list, checked before a normalizer reads it: at most `max` entries, each text at
// most `len` characters. Anything else (a single text, wrong types) is left to the normalizer to refuse.
function bounded(field: string, value: unknown, max = MAX_LIST, len = 255): unknown {
  const list = Array.isArray(value) ? value : [value];
  if (list.length > max || list.some((v) => typeof v === 'string' && v.length > len))
    throw new OptionError(field, undefined, `expected at most ${max} texts of at most ${len} characters`);
  return value;
}

/** A list of at most `max` texts of at most `len` characters (absent: empty). */
export function strings(field: string, value: unknown, max = MAX_LIST, len = 255): string[] {
  bounded(field, value, max, len);
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new OptionError(field, undefined, `expected at most ${max} texts of at most ${len} characters`);
  return value as string[];
}

// Peers as ROLE: [HOST] (at most 64 roles of at most 64 hosts each) or as ROLE=HOST texts (at most 64).
function boundedPeers(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bounded('peers', value);
  const entries = Object.entries(value);
  if (entries.length > MAX_LIST) throw new OptionError('peers', undefined, `expected at most ${MAX_LIST} roles`);
  for (const [role, hosts] of entries) bounded(`peers.${role}`, hosts);
  return value;
}

// The table (validated exactly as a file would be), then apps, direction, only and the port offset with the
// command line's rules; the agent's default direction is both.
function common(body: Body): CommonRequest {
  const table = tableFromDocument('table', body.table);
  const raw = {
    apps: bounded('apps', body.apps),
    direction: body.direction,
    only: bounded('only', body.only, 65535, 128),
    portOffset: body.portOffset,
  };
  return { table, ...normalizeSelection(raw, table, 'both') };
}

/** Validates a listen request: the responder allows only the given sources, for a bounded time. */
export function listenRequest(body: Body): ListenRequest {
  const allow = allowList(bounded('allow', body.allow, 16, 64));
  if (allow.size === 0)
    throw new OptionError('allow', undefined, "an agent-started responder needs the prober's address");
  const bind = optionalText('bind', body.bind);
  if (bind !== undefined && !ipVersion(bind)) throw new OptionError('bind', bind, 'expected an address of this host');
  return {
    ...common(body),
    bind,
    durationS: boundedInt('duration', body.duration ?? 600, 1, MAX_RESPONDER_S),
    allow,
  };
}

/** Validates a check request with the command line's bounds and rules. */
export function checkRequest(body: Body): CheckRequest {
  const selection = common(body);
  return {
    ...selection,
    ...probeTargets(bounded('hosts', body.hosts), boundedPeers(body.peers), selection.direction),
    timeoutMs: wholeNumber('timeoutMs', body.timeoutMs),
    retries: wholeNumber('retries', body.retries),
    concurrency: wholeNumber('concurrency', body.concurrency),
  };
}

/** Validates the nonces of a `seen` request. */
export function seenRequest(body: Body): string[] {
  const nonces = strings('nonces', body.nonces, 200000, 32);
  if (nonces.some((n) => !/^[0-9a-f]{32}$/.test(n)))
    throw new OptionError('nonces', undefined, 'expected 32 hex digits each');
  return nonces;
}
