import { InputError } from '../errors.js';
import { readReportOf } from '../report/report-table.js';
import { rerunKey } from '../verdict/rerun-changes.js';
import { flagOfField } from './option-declarations.js';
import type { CheckOptions } from '../commands/check.js';
import type { Report } from '../model/report.js';
import type { Direction, PortTable } from '../table/types.js';

/** The options a rerun takes from the earlier report unless the command line gives them. */
type Carried = Pick<
  CheckOptions,
  'portOffset' | 'concurrency' | 'timeoutMs' | 'retries' | 'rateLimitBudgetMs' | 'adaptive' | 'as' | 'from'
>;

/** What `check --rerun` takes from the earlier report: its hosts, roles, and the probing options not given. */
export interface RerunPlan {
  before: Report;
  /** Nothing did not pass: there is nothing to probe again. */
  empty: boolean;
  options: Pick<CheckOptions, 'hosts' | 'peers' | 'direction' | 'keep'> & Partial<Carried>;
  /** The report's note: which options came from the earlier report, which from the command line. */
  note: string;
  /** The earlier run verified answers with a token: this one must too. */
  verified: boolean;
}

/** One carried option: the raw field its flag fills (the flag comes from its declaration), the report setting. */
interface CarriedOption {
  field: string;
  setting: keyof Carried;
  type: 'number' | 'boolean' | 'string';
  /** The report keeps milliseconds of an option given in seconds: 1000. */
  scale?: number;
}

/** Every option a rerun carries over, in the order the note lists them. */
const CARRIED: readonly CarriedOption[] = [
  { field: 'timeoutMs', setting: 'timeoutMs', type: 'number' },
  { field: 'retries', setting: 'retries', type: 'number' },
  { field: 'concurrency', setting: 'concurrency', type: 'number' },
  { field: 'rateLimitBudget', setting: 'rateLimitBudgetMs', type: 'number', scale: 1000 },
  { field: 'adaptive', setting: 'adaptive', type: 'boolean' },
  { field: 'portOffset', setting: 'portOffset', type: 'number' },
  { field: 'as', setting: 'as', type: 'string' },
  { field: 'from', setting: 'from', type: 'string' },
];

// The flag that fills a carried option's field ("timeoutMs" -> "--timeout"), as every message names it.
const flagOf = (o: CarriedOption): string => flagOfField(o.field) ?? o.field;

// A setting of the report as the option's value, or undefined when it has none of the option's type.
const read = (o: CarriedOption, v: unknown) =>
  typeof v === o.type && (o.type !== 'number' || Number.isFinite(v)) ? v : undefined;

// The option and its value as the user would type it.
function shown(o: CarriedOption, v: unknown): string {
  const flag = flagOf(o);
  if (o.type === 'boolean') return v ? flag : flag.replace('--', '--no-');
  return `${flag} ${o.type === 'number' ? (v as number) / (o.scale ?? 1) : String(v)}`;
}

// The options of the earlier report that the command line did not give, and the note saying which is which.
function carriedOptions(file: string, s: Report['settings'], given: ReadonlySet<string>) {
  const options: Partial<Record<keyof Carried, unknown>> = {};
  const taken: string[] = [];
  for (const o of CARRIED) {
    const value = read(o, s[o.setting]);
    if (given.has(o.field) || value === undefined) continue;
    options[o.setting] = value;
    taken.push(shown(o, value));
  }
  const typed = CARRIED.filter((o) => given.has(o.field)).map(flagOf);
  const note =
    `options from ${file}: ${taken.length > 0 ? taken.join(' ') : 'none'}` +
    (typed.length > 0 ? `; given on this command line, and used instead: ${typed.join(' ')}` : '');
  return { options: options as Partial<Carried>, note };
}

/**
 * Reads REPORT.json (a check of this table) and plans probing again the rows that did not pass there;
 * `given` holds the option fields the command line gave: those win over the report's.
 */
export function planRerun(file: string, table: PortTable, given: ReadonlySet<string> = new Set()): RerunPlan {
  const before = readReportOf(file, table, '--rerun');
  if (before.command !== 'check')
    throw new InputError(
      `--rerun ${file}: a ${before.command} report is re-run with ${before.command}; expected a check report`,
    );
  const failing = before.rows.filter((r) => r.verdict !== 'pass');
  const wanted = new Set(failing.map(rerunKey));
  const rows = new Map(table.rows.map((r) => [r.id, r]));
  const hosts = [...new Set(failing.filter((r) => r.direction === 'inbound').map((r) => r.host))];
  const peers = new Map<string, string[]>();
  for (const r of failing.filter((f) => f.direction === 'outbound')) {
    const role = rows.get(r.id)?.peer ?? 'peer';
    peers.set(role, [...new Set([...(peers.get(role) ?? []), r.host])]);
  }
  const directions = new Set<Direction>(failing.map((r) => r.direction));
  const carried = carriedOptions(file, before.settings, given);
  return {
    before,
    empty: failing.length === 0,
    verified: before.settings.verified === true,
    note: carried.note,
    options: {
      hosts,
      peers,
      direction: directions.size === 2 ? 'both' : ([...directions][0] ?? 'inbound'),
      keep: (id, direction, host) => wanted.has(rerunKey({ id, direction, host })),
      ...carried.options,
    },
  };
}
