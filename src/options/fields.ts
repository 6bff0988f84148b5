import { parseOnlySpec } from '../table/port-spec.js';
import { parseAllowList, type AllowList } from '../responder/allow-list.js';
import { InputError } from '../errors.js';
import { OptionError } from './option-error.js';
import { BOUNDS, type Bound } from './bounds.js';
import type { Direction } from '../table/types.js';
import type { OnlySelection } from '../plan/types.js';

/** A direction option: one direction or both. */
export type DirectionChoice = Direction | 'both';

const DIRECTIONS: readonly DirectionChoice[] = ['inbound', 'outbound', 'both'];

/**
 * A number within its bounds (numbers, or decimal text), whole unless the bound allows fractions;
 * the default if absent.
 */
export function wholeNumber(bound: keyof typeof BOUNDS, raw: unknown, field: string = bound): number {
  const b: Bound = BOUNDS[bound];
  if (raw === undefined) return b.default;
  const pattern = b.fractional ? /^-?\d+(\.\d+)?$/ : /^-?\d+$/;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && pattern.test(raw.trim()) ? Number(raw) : NaN;
  const whole = b.fractional ? Number.isFinite(n) : Number.isInteger(n);
  if (!whole || n < b.min || n > b.max) {
    const what = b.unit ?? (b.fractional ? 'a number' : 'a whole number');
    throw new OptionError(field, raw, `expected ${what} from ${b.min} to ${b.max}`);
  }
  return n;
}

/** One of the given choices; the default when absent. */
export function choice<T extends string>(field: string, raw: unknown, choices: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if (typeof raw === 'string' && (choices as readonly string[]).includes(raw)) return raw as T;
  throw new OptionError(field, raw, `expected one of ${choices.join(', ')}`);
}

/** inbound, outbound or both. */
export function direction(raw: unknown, fallback: DirectionChoice = 'inbound'): DirectionChoice {
  return choice('direction', raw, DIRECTIONS, fallback);
}

/** A list of strings: absent is empty; one string is a list of one. */
export function stringList(field: string, raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  for (const v of list)
    if (typeof v !== 'string' || v.trim() === '') throw new OptionError(field, v, 'expected a non-empty text');
  return list.map((v: string) => v.trim());
}

/** A non-empty text, or undefined when absent. */
export function optionalText(field: string, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') throw new OptionError(field, raw, 'expected a non-empty text');
  return raw.trim();
}

/**
 * Table ports and row ids to keep: a spec such as "22,443,40050-40070,https-aus" or a list of ports and ids
 * (a word is a row id only when `rowIds`, the table's ids, has it); undefined: all.
 */
export function onlyPorts(raw: unknown, rowIds: readonly string[] = []): OnlySelection | undefined {
  if (raw === undefined) return undefined;
  const spec = Array.isArray(raw) ? raw.join(',') : raw;
  const example = rowIds.length > 0 ? 'e.g. 22,443,40050-40070 or a row id (see portmatrix ports)' : 'e.g. 22,443';
  if (typeof spec !== 'string') throw new OptionError('only', raw, `expected ports or row ids, ${example}`);
  const parsed = parseOnlySpec(spec, rowIds);
  if (typeof parsed === 'string') throw new OptionError('only', raw, `${parsed}; expected ${example}`);
  return parsed;
}

/** Peer hosts by role: "ROLE=HOST" texts, or an object of role -> hosts. Roles are lower-cased. */
export function peerHosts(raw: unknown): Map<string, string[]> {
  const pairs: Array<[string, string]> = [];
  if (raw !== undefined && raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [role, hosts] of Object.entries(raw)) for (const h of stringList('peers', hosts)) pairs.push([role, h]);
  } else {
    for (const value of stringList('peers', raw)) {
      const m = /^([a-z0-9][a-z0-9-]*)=(.+)$/i.exec(value);
      if (!m) throw new OptionError('peers', value, 'expected ROLE=HOST, e.g. aaa=acs01');
      pairs.push([m[1]!, m[2]!.trim()]);
    }
  }
  const peers = new Map<string, string[]>();
  for (const [role, host] of pairs) {
    if (!/^[a-z0-9][a-z0-9-]*$/i.test(role)) throw new OptionError('peers', role, 'expected a role such as aaa');
    const key = role.toLowerCase();
    peers.set(key, [...(peers.get(key) ?? []), host]);
  }
  return peers;
}

/** Source addresses to answer (CIDRs or single addresses); empty: everyone. */
export function allowList(raw: unknown): AllowList {
  const cidrs = stringList('allow', raw);
  for (const cidr of cidrs) {
    try {
      parseAllowList([cidr]);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      throw new OptionError('allow', cidr, 'expected an address or CIDR such as 10.1.2.0/24 or 2001:db8::/64');
    }
  }
  return parseAllowList(cidrs);
}

/** A yes/no option; the default when absent. */
export function flag(field: string, raw: unknown, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'boolean') throw new OptionError(field, raw, 'expected true or false');
  return raw;
}

/** A host's name as a label: 1 to 253 printable characters (a DNS name's limit); undefined when absent. */
export function hostLabel(field: string, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 253 || /[\u0000-\u001f\u007f]/.test(raw))
    throw new OptionError(field, raw, "expected the probing host's name (1 to 253 printable characters)");
  return raw;
}

/** A whole number from min to max (for bounds not in BOUNDS, e.g. an agent's own limits). */
export function boundedInt(field: string, raw: unknown, min: number, max: number): number {
  const n = typeof raw === 'number' ? raw : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new OptionError(field, raw, `expected a whole number from ${min} to ${max}`);
  return n;
}
