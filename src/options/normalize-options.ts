import { OptionError } from './option-error.js';
import { readToken } from './token.js';
import { probeTargets } from './probe-targets.js';
import {
  allowList,
  choice,
  direction,
  flag,
  hostLabel,
  onlyPorts,
  optionalText,
  peerHosts,
  stringList,
  wholeNumber,
  type DirectionChoice,
} from './fields.js';
import { DEFAULT_LISTEN } from '../serve/listen-address.js';
import { DIALECT_NAMES } from '../rules/dialects.js';
import type { AllowList } from '../responder/allow-list.js';
import { directionsOf, rolesIn } from '../table/filter-rows.js';
import type { Direction, PortTable, Protocol } from '../table/types.js';
import type { OnlySelection } from '../plan/types.js';

/** Plain input, as a JSON body or parsed argv gives it; field names as in the options objects below. */
export type RawOptions = Readonly<Record<string, unknown>>;

/** The table an option is checked against (row ids for --only, roles for --as); absent: not checked. */
export type TableContext = Pick<PortTable, 'rows'> | undefined;

/** Which rows and ports a command works on. */
export interface Selection {
  apps: string[];
  direction: DirectionChoice;
  only?: OnlySelection;
  portOffset: number;
}

/** How probes are sent. */
export interface ProbeSettings {
  concurrency: number;
  timeoutMs: number;
  retries: number;
  /** Milliseconds to keep confirming silent UDP ports of a host that rate-limits its ICMP errors. */
  rateLimitBudgetMs: number;
  token?: string;
  adaptive: boolean;
}

/** `check`: where to probe, what, and how. */
export interface CheckInput extends Selection, ProbeSettings {
  hosts: string[];
  peers: Map<string, string[]>;
  strict: boolean;
  /** The name of the probing host: results and rows carry it as `from` (merge keeps each client apart). */
  from?: string;
  /** The role this host plays: only the inbound rows whose traffic comes from it. */
  as?: string;
}

/** `listen`: what to bind, where, and for how long. */
export interface ListenInput extends Selection {
  /** Stand in for this role only: inbound rows from it, outbound rows to it. */
  peerRole?: string;
  bind?: string;
  token?: string;
  allow: AllowList;
  /** Seconds to serve; 0: until interrupted. */
  duration: number;
}

/** `audit`: which ports, and what the server should look like. */
export interface AuditInput extends Selection {
  expect: 'free' | 'listening';
}

/** `matrix`: the hosts of the installation and their agents. */
export interface MatrixInput extends Selection {
  server: string;
  clients: string[];
  peers: Map<string, string[]>;
  token: string;
  controlPort: number;
  pins: Map<string, string>;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  strict: boolean;
}

/** `agent`: its control port and who may use it. */
export interface AgentInput {
  token: string;
  /** What check requests may probe (CIDR or HOST); empty: anything but loopback and link-local. */
  targets: string[];
  controlPort: number;
  bind?: string;
  allow: AllowList;
  duration: number;
}

/** `ports`: which rows of the table to print. */
export interface PortsInput {
  apps: string[];
  direction?: Direction;
  protocol?: Protocol;
}

// The token from the option, the token file or PORTMATRIX_TOKEN (warnings about the file go to stderr).
function tokenOf(raw: RawOptions): string | undefined {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return readToken({ token: text(raw.token), tokenFile: text(raw.tokenFile), env: process.env.PORTMATRIX_TOKEN }, (m) =>
    process.stderr.write(`portmatrix: ${m}\n`),
  );
}

/** The rows and ports every table command selects. */
export function normalizeSelection(
  raw: RawOptions,
  table: TableContext,
  fallback: DirectionChoice = 'inbound',
): Selection {
  return {
    apps: stringList('apps', raw.apps),
    direction: direction(raw.direction, fallback),
    only: onlyPorts(
      raw.only,
      table?.rows.map((r) => r.id),
    ),
    portOffset: wholeNumber('portOffset', raw.portOffset),
  };
}

/** How probes are sent: bounds and defaults of concurrency, timeout, retries; the token. */
export function normalizeProbeSettings(raw: RawOptions): ProbeSettings {
  return {
    concurrency: wholeNumber('concurrency', raw.concurrency),
    timeoutMs: wholeNumber('timeoutMs', raw.timeoutMs),
    retries: wholeNumber('retries', raw.retries),
    rateLimitBudgetMs: Math.round(wholeNumber('rateLimitBudget', raw.rateLimitBudget) * 1000),
    token: tokenOf(raw),
    adaptive: flag('adaptive', raw.adaptive, true),
  };
}

/** `check` options, checked and with defaults; throws OptionError. */
export function normalizeCheck(raw: RawOptions, table?: TableContext): CheckInput {
  const selection = normalizeSelection(raw, table);
  const { hosts, peers } = probeTargets(raw.hosts, raw.peers, selection.direction);
  const from = hostLabel('from', raw.from);
  const as = sourceRole(raw.as, table);
  return {
    ...selection,
    ...normalizeProbeSettings(raw),
    hosts,
    peers,
    strict: flag('strict', raw.strict, false),
    ...(from !== undefined ? { from } : {}),
    ...(as !== undefined ? { as } : {}),
  };
}

/** `listen` options, checked and with defaults; throws OptionError. */
export function normalizeListen(raw: RawOptions, table?: TableContext): ListenInput {
  const selection = normalizeSelection(raw, table);
  const peerRole = standInRole(raw.peerRole, selection.direction, table);
  return {
    ...selection,
    ...(peerRole !== undefined ? { peerRole } : {}),
    bind: optionalText('bind', raw.bind),
    token: tokenOf(raw),
    allow: allowList(raw.allow),
    duration: wholeNumber('duration', raw.duration),
  };
}

/** `audit` options, checked and with defaults; throws OptionError. */
export function normalizeAudit(raw: RawOptions, table?: TableContext): AuditInput {
  return {
    ...normalizeSelection(raw, table),
    expect: choice('expect', raw.expect, ['free', 'listening'], 'listening'),
  };
}

// --as ROLE: one of the roles the table's inbound rows come from (lower-cased).
function sourceRole(raw: unknown, table: TableContext): string | undefined {
  const role = optionalText('as', raw)?.toLowerCase();
  if (role === undefined || table === undefined) return role;
  const roles = rolesIn(table.rows, 'inbound');
  if (!roles.includes(role))
    throw new OptionError('as', raw, `no inbound row of the table comes from it; expected one of ${roles.join(', ')}`);
  return role;
}

// listen --peer-role ROLE: one of the roles of the selected directions (lower-cased).
function standInRole(raw: unknown, dir: DirectionChoice, table: TableContext): string | undefined {
  const role = optionalText('peerRole', raw)?.toLowerCase();
  if (role === undefined || table === undefined) return role;
  const roles = [...new Set(directionsOf(dir).flatMap((d) => rolesIn(table.rows, d)))].sort();
  if (!roles.includes(role)) {
    const rows = dir === 'both' ? 'row' : `${dir} row`;
    throw new OptionError(
      'peerRole',
      raw,
      `no ${rows} of the table has this role; expected one of ${roles.join(', ')}`,
    );
  }
  return role;
}

// HOST=SHA256 (the fingerprint an agent prints) -> host -> fingerprint.
function pins(raw: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of stringList('pins', raw)) {
    const m = /^(.+)=((?:[0-9a-f]{2}:?){32})$/i.exec(v);
    if (!m) throw new OptionError('pins', v, 'expected HOST=SHA256 fingerprint (64 hex digits, colons allowed)');
    out.set(m[1]!, m[2]!);
  }
  return out;
}

// A token that must be there.
function requiredToken(raw: RawOptions, why: string): string {
  const token = tokenOf(raw);
  if (token === undefined) throw new OptionError('token', undefined, `a token is required: ${why}`);
  return token;
}

/** `matrix` options, checked and with defaults; throws OptionError. */
export function normalizeMatrix(raw: RawOptions, table?: TableContext): MatrixInput {
  const selection = normalizeSelection(raw, table, 'both');
  const server = optionalText('server', raw.server);
  if (server === undefined) throw new OptionError('server', undefined, 'expected the server HOST');
  const clients = stringList('clients', raw.clients);
  const peers = peerHosts(raw.peers);
  const inboundRoles = new Set(rolesIn(table?.rows ?? [], 'inbound'));
  if (selection.direction !== 'outbound' && clients.length === 0 && ![...peers.keys()].some((r) => inboundRoles.has(r)))
    throw new OptionError(
      'clients',
      undefined,
      'inbound rows need at least one client HOST, or a peer ROLE=HOST for a role they come from',
    );
  const probing = normalizeProbeSettings(raw);
  return {
    ...selection,
    server,
    clients,
    peers,
    token: requiredToken(raw, 'the agents accept only signed requests'),
    controlPort: wholeNumber('controlPort', raw.controlPort),
    pins: pins(raw.pins),
    concurrency: probing.concurrency,
    timeoutMs: probing.timeoutMs,
    retries: probing.retries,
    strict: flag('strict', raw.strict, false),
  };
}

/** `agent` options, checked and with defaults; throws OptionError. */
export function normalizeAgent(raw: RawOptions): AgentInput {
  return {
    token: requiredToken(raw, 'every request is authenticated with it'),
    targets: stringList('targets', raw.targets),
    controlPort: wholeNumber('controlPort', raw.controlPort),
    bind: optionalText('bind', raw.bind),
    allow: allowList(raw.allow),
    duration: wholeNumber('agentDuration', raw.duration, 'duration'),
  };
}

/** `ports` options, checked; throws OptionError. */
export function normalizePorts(raw: RawOptions): PortsInput {
  const dir =
    raw.direction === undefined ? undefined : choice('direction', raw.direction, ['inbound', 'outbound'], 'inbound');
  const protocol = raw.protocol === undefined ? undefined : choice('protocol', raw.protocol, ['tcp', 'udp'], 'tcp');
  return { apps: stringList('apps', raw.apps), direction: dir, protocol };
}

/** `serve` options (the listen address and target guard are parsed by serve/); throws OptionError. */
export interface ServeInput extends ProbeSettings {
  apps: string[];
  portOffset: number;
  listen: string;
  targets: string[];
  minIntervalMs: number;
}

/** `serve` options, checked and with defaults; throws OptionError. */
export function normalizeServe(raw: RawOptions): ServeInput {
  return {
    ...normalizeProbeSettings(raw),
    apps: stringList('apps', raw.apps),
    portOffset: wholeNumber('portOffset', raw.portOffset),
    listen: optionalText('listen', raw.listen) ?? DEFAULT_LISTEN,
    targets: stringList('targets', raw.targets),
    minIntervalMs: Math.round(wholeNumber('minInterval', raw.minInterval) * 1000),
  };
}

/** `rules`: what to consolidate, for which firewall, with which addresses. */
export interface RulesInput {
  reportFile?: string;
  dialect: string;
  /** With a report: every result, not only those that did not pass. */
  all: boolean;
  apps: string[];
  direction: DirectionChoice;
  only?: OnlySelection;
  server: string[];
  peers: Map<string, string[]>;
  format: 'text' | 'json';
  output?: string;
}

// "10.0.0.1,10.0.0.2" in one value, or the option repeated.
function commaList(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** `rules` options, checked and with defaults; throws OptionError. */
export function normalizeRules(raw: RawOptions, table?: TableContext): RulesInput {
  const selection = normalizeSelection(raw, table, 'both');
  const peers = new Map([...peerHosts(raw.peers)].map(([role, v]) => [role, commaList(v)]));
  return {
    reportFile: optionalText('report', raw.report),
    dialect: choice('dialect', raw.dialect, DIALECT_NAMES, DIALECT_NAMES[0]!),
    all: !flag('failedOnly', raw.failedOnly, true),
    apps: selection.apps,
    direction: selection.direction,
    only: selection.only,
    server: commaList(stringList('server', raw.server)),
    peers,
    format: choice('format', raw.format, ['text', 'json'] as const, 'text'),
    output: optionalText('output', raw.output),
  };
}
