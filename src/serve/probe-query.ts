import { parseOnlySpec } from '../table/port-spec.js';
import { HttpError } from './http-error.js';
import { isHostLike, normalizeTarget, type TargetGuard } from './target-guard.js';
import type { Direction } from '../table/types.js';

/** What one /probe request asks for, validated. */
export interface ProbeQuery {
  target: string;
  direction: Direction | 'both';
  apps: string[];
  only?: Set<number | string>;
  onlySpec?: string;
  peers: Map<string, string[]>;
  /** The same query always gets the same key (the cache's). */
  key: string;
}

const SINGLE = ['target', 'direction', 'only'];
const REPEATABLE = ['app', 'peer'];
const DIRECTIONS = ['inbound', 'outbound', 'both'];
const PEER = /^([a-z0-9][a-z0-9-]*)=(.+)$/i;

// 400 unless every parameter is known and the single-valued ones appear at most once.
function checkNames(params: URLSearchParams): void {
  for (const name of new Set(params.keys())) {
    if (!SINGLE.includes(name) && !REPEATABLE.includes(name)) {
      throw new HttpError(400, `unknown parameter "${name}"; expected ${[...SINGLE, ...REPEATABLE].join(', ')}`);
    }
    if (SINGLE.includes(name) && params.getAll(name).length > 1) {
      throw new HttpError(400, `parameter "${name}" given more than once`);
    }
  }
}

// A host the exporter may probe, or 400/403.
function allowedHost(value: string, what: string, guard: TargetGuard): string {
  const host = normalizeTarget(value.trim());
  if (!isHostLike(host)) throw new HttpError(400, `${what} "${value}": expected a host name or an IP address`);
  if (!guard.allows(host)) {
    throw new HttpError(403, `${what} "${host}" is not in --targets (${guard.describe()}); nothing was probed`);
  }
  return host;
}

// peer=ROLE=HOST values into role -> hosts, every host checked against --targets.
function peersOf(values: string[], guard: TargetGuard): Map<string, string[]> {
  const peers = new Map<string, string[]>();
  for (const value of values) {
    const m = PEER.exec(value.trim());
    if (!m) throw new HttpError(400, `peer "${value}": expected ROLE=HOST, e.g. peer=aaa=127.0.0.2`);
    const role = m[1]!.toLowerCase();
    peers.set(role, [...(peers.get(role) ?? []), allowedHost(m[2]!, `peer ${role}`, guard)]);
  }
  return peers;
}

// The ports and row ids of only=, or 400.
function onlyOf(spec: string | null, rowIds: readonly string[]): Set<number | string> | undefined {
  if (spec === null) return undefined;
  const parsed = parseOnlySpec(spec, rowIds);
  if (typeof parsed === 'string') {
    throw new HttpError(400, `only "${spec}": ${parsed}; expected e.g. 22,443,40050-40070`);
  }
  return parsed;
}

/**
 * Validates a /probe query string: 400 for a malformed one, 403 for a host outside --targets.
 * `rowIds`: the table's row ids, which only= accepts beside ports.
 */
export function parseProbeQuery(
  params: URLSearchParams,
  guard: TargetGuard,
  rowIds: readonly string[] = [],
): ProbeQuery {
  checkNames(params);
  const rawTarget = params.get('target');
  if (rawTarget === null || rawTarget.trim() === '') throw new HttpError(400, 'missing parameter "target"');
  const direction = params.get('direction') ?? 'inbound';
  if (!DIRECTIONS.includes(direction)) {
    throw new HttpError(400, `direction "${direction}": expected ${DIRECTIONS.join(', ')}`);
  }
  const target = allowedHost(rawTarget, 'target', guard);
  const apps = params.getAll('app').map((a) => a.trim());
  if (apps.some((a) => a === '')) throw new HttpError(400, 'app: expected a non-empty application name');
  const onlySpec = params.get('only') ?? undefined;
  const only = onlyOf(onlySpec ?? null, rowIds);
  const peers = peersOf(params.getAll('peer'), guard);
  const key = JSON.stringify([
    target,
    direction,
    [...apps].map((a) => a.toLowerCase()).sort(),
    onlySpec?.replace(/\s/g, '') ?? null,
    [...peers].map(([r, hs]) => `${r}=${[...hs].sort().join('+')}`).sort(),
  ]);
  return { target, direction: direction as ProbeQuery['direction'], apps, only, onlySpec, peers, key };
}
