import type { Options } from 'yargs';
import { formatNames } from '../report/registry.js';
import { BOUNDS } from '../options/bounds.js';
import { widthOption } from './terminal.js';
import { OptionError } from '../options/option-error.js';
import { cliMessage } from './usage-error.js';

/** A CLI option: yargs' declaration, and the field of the options object it fills (default: its camelCase name). */
export interface OptionDeclaration extends Options {
  field?: string;
}

// A coerce function whose option errors yargs reports as usage errors, worded with the flag.
const asUsage =
  <T>(coerce: (value: unknown) => T) =>
  (value: unknown): T => {
    try {
      return coerce(value);
    } catch (err) {
      throw err instanceof OptionError ? new Error(cliMessage(err)) : err;
    }
  };

const text = (describe: string, more: Options = {}): OptionDeclaration => ({
  type: 'string',
  describe,
  requiresArg: true,
  ...more,
});
const repeatable = (field: string, describe: string): OptionDeclaration => ({
  type: 'string',
  array: true,
  describe,
  requiresArg: true,
  field,
});
// Numbers are taken as typed (no yargs type), so "--timeout abc" is reported as written. No yargs default:
// an option not given stays undefined (check --rerun tells given from absent), the normalizer applies it.
const number = (bound: keyof typeof BOUNDS, describe: string, field?: string): OptionDeclaration => ({
  describe,
  requiresArg: true,
  defaultDescription: String(BOUNDS[bound].default),
  ...(field ? { field } : {}),
});

/** Every option of every command, declared once; commands pick theirs by name and may override a text. */
export const OPTIONS = {
  ports: text('port table to use instead of the embedded Table A-1 (same format as ports.json)'),
  app: repeatable(
    'apps',
    'only rows whose application has NAME as whole words (or an alias, e.g. AUS), or whose id is NAME; repeatable',
  ),
  format: text('output format', { choices: formatNames('report'), default: 'table' }),
  output: text('also write the report to FILE (atomically) in --format; the matrix still goes to the terminal'),
  color: { type: 'boolean', default: true, describe: 'colour on a TTY (--no-color or NO_COLOR turn it off)' },
  quiet: { type: 'boolean', default: false, describe: 'no progress line' },
  direction: text('which rows: traffic to the server (inbound) or from it (outbound)', {
    choices: ['inbound', 'outbound', 'both'],
    default: 'inbound',
  }),
  peer: repeatable(
    'peers',
    'ROLE=HOST: outbound rows whose peer is ROLE go to HOST, and only there: a role without one is skipped ' +
      '(repeatable; run on the server)',
  ),
  only: text('only these table ports or row ids, e.g. 22,443,40050-40070,https-aus'),
  concurrency: number('concurrency', 'probes in flight at once'),
  timeout: number(
    'timeoutMs',
    'ms to wait for an answer, per attempt (the ceiling of the adaptive timeout)',
    'timeoutMs',
  ),
  retries: number('retries', 'UDP resends after silence (the least: loss measured on the path may ask for more)'),
  token: text(
    "the responder's shared secret: answers are verified; at least 128 bits (portmatrix token makes one). " +
      'Visible to local users in the process list: prefer --token-file or PORTMATRIX_TOKEN',
  ),
  'token-file': text('read the token from the first line of FILE (keep it mode 600)'),
  'port-offset': number('portOffset', 'probe port+N (pairs with listen --port-offset)'),
  strict: {
    type: 'boolean',
    default: false,
    describe: 'unknown (open|filtered) rows and skipped rows (selected, not probed) fail the exit code',
  },
  adaptive: {
    type: 'boolean',
    // Applied by the normalizer, so that absent stays undefined (given or not, for check --rerun).
    defaultDescription: 'true',
    describe:
      "learn each host's round trip and stop waiting for silent ports sooner " +
      '(--no-adaptive: always wait the full timeout)',
  },
  bind: text('address to bind (default: every interface, IPv4 and IPv6)'),
  duration: number('duration', 'seconds to serve, then exit (0: until interrupted)'),
  allow: repeatable('allow', 'answer only sources in this CIDR (repeatable)'),
  expect: text(
    'free: pre-install (a taken port is a conflict); listening: post-install (every port must have a listener)',
    { choices: ['free', 'listening'], default: 'listening' },
  ),
  address: text(
    'the IP address clients reach this server at: with --expect listening, a port listening only on ' +
      'other addresses fails',
  ),
  control: number('controlPort', "the agents' control port", 'controlPort'),
  pin: repeatable('pins', 'HOST=SHA256: the certificate fingerprint an agent printed (repeatable)'),
  client: repeatable('clients', 'a client whose agent checks the inbound rows (repeatable)'),
  server: text('the server (its agent listens for inbound rows and checks outbound ones)'),
  protocol: text('only rows of this protocol', { choices: ['tcp', 'udp'] }),
  as: text('ROLE this host plays (client, device, server, …): only the inbound rows whose traffic comes from it'),
  width: {
    describe: "fit the matrix to N columns (0: no limit; default: the terminal's width, no limit into a pipe or file)",
    requiresArg: true,
    coerce: asUsage(widthOption),
  },
  ascii: {
    type: 'boolean',
    describe:
      'draw with ASCII only (default: when TERM=dumb or on a legacy Windows console; --no-ascii forces Unicode)',
  },
  explain: {
    alias: 'v',
    type: 'boolean',
    default: false,
    describe: "everything: every row's fix, all of the table's advice, long text wrapped instead of cut",
  },
  dialect: text('firewall dialect', { demandOption: true }),
  'failed-only': {
    type: 'boolean',
    default: true,
    describe: 'from a report: only what did not pass (--no-failed-only: every result, for a change request)',
  },
  'snmp-community': text('community of the SNMP probe on 161/udp (default public; or PORTMATRIX_SNMP_COMMUNITY)'),
  'snmp-community-file': text('read the SNMP community from the first line of FILE (not visible in the process list)'),
  rerun: text('REPORT.json of an earlier check: probe again only its rows that did not pass, same hosts and options'),
  'rate-limit-budget': number(
    'rateLimitBudget',
    'seconds to keep confirming silent UDP ports of a host that rate-limits its ICMP errors',
  ),
  'peer-role': text('stand in for one role only: the inbound rows coming from ROLE, the outbound rows going to it'),
  'pid-file': text('write the process id to FILE once every port is bound (removed on exit): for Ansible and scripts'),
  from: text('name of this probing host: results carry it as "from" (portmatrix merge keeps each client apart)'),
  listen: text('ADDRESS:PORT to serve HTTP on ([::1]:9753 for IPv6; port 0: any free port)'),
  targets: repeatable(
    'targets',
    'CIDR or HOST that /probe may probe (repeatable; default: loopback only); others get 403',
  ),
  'min-interval': number(
    'minInterval',
    'seconds: a (target, query) is probed at most once per interval; scrapes between get the last answer',
  ),
} satisfies Record<string, OptionDeclaration>;

/** The name of a declared option. */
export type OptionName = keyof typeof OPTIONS;

/** What a command changes in a shared declaration (a text, a default, the choices). */
export type OptionOverrides = Partial<Record<OptionName, Partial<OptionDeclaration>>>;

/**
 * The contract's options every command takes (but agent and token, which print no report; serve answers over
 * HTTP and takes no --format or --output: SERVE_EXCEPT). docs/usage.md's "Options every command takes".
 */
export const CONTRACT: readonly OptionName[] = ['ports', 'app', 'format', 'output', 'color'];

/** What serve leaves out of CONTRACT: its documents are its HTTP answers, not a file or stdout. */
export const SERVE_EXCEPT: readonly OptionName[] = ['format', 'output'];

/** Options of every command that draws the matrix on the terminal (they shape it), and --quiet. */
export const MATRIX: readonly OptionName[] = ['width', 'ascii', 'explain', 'quiet'];

/** Options every matrix command takes. */
export const COMMON: readonly OptionName[] = [...CONTRACT, ...MATRIX];

/** argv key of an option ("port-offset" -> "portOffset"). */
export function argvKey(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The option an argv key names ("portOffset" -> "port-offset"; argvKey's inverse). */
export function optionNameOf(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The options-object field an option fills. */
export function fieldOf(name: OptionName): string {
  return (OPTIONS[name] as OptionDeclaration).field ?? argvKey(name);
}

/** True when an option collects its values when repeated (declared `array`, or so overridden). */
export function isRepeatable(name: OptionName, override: Partial<OptionDeclaration> = {}): boolean {
  return Boolean(override.array ?? (OPTIONS[name] as OptionDeclaration).array);
}

/** The flag that fills a field ("timeoutMs" -> "--timeout"), for messages; undefined when no option fills it. */
export function flagOfField(field: string): string | undefined {
  const name = (Object.keys(OPTIONS) as OptionName[]).find((n) => fieldOf(n) === field);
  return name ? `--${name}` : undefined;
}
