import { InputError } from '../errors.js';
import { readReportOf } from '../report/report-table.js';
import type { CheckOptions } from '../commands/check.js';
import type { Report } from '../model/report.js';
import type { Direction, PortTable } from '../table/types.js';

/** What `check --rerun` takes from the earlier report: its hosts, roles, and probing options. */
export interface RerunPlan {
  before: Report;
  /** Nothing did not pass: there is nothing to probe again. */
  empty: boolean;
  options: Pick<
    CheckOptions,
    | 'hosts'
    | 'peers'
    | 'direction'
    | 'keep'
    | 'portOffset'
    | 'concurrency'
    | 'timeoutMs'
    | 'retries'
    | 'adaptive'
    | 'as'
    | 'from'
  >;
  /** The earlier run verified answers with a token: this one must too. */
  verified: boolean;
}

// A number setting of the earlier report, or the default.
const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** Reads REPORT.json (a check of this table) and plans probing again the rows that did not pass there. */
export function planRerun(file: string, table: PortTable): RerunPlan {
  const before = readReportOf(file, table, '--rerun');
  if (before.command !== 'check')
    throw new InputError(
      `--rerun ${file}: a ${before.command} report is re-run with ${before.command}; expected a check report`,
    );
  const failing = before.rows.filter((r) => r.verdict !== 'pass');
  const wanted = new Set(failing.map((r) => `${r.id}|${r.direction}|${r.host}`));
  const rows = new Map(table.rows.map((r) => [r.id, r]));
  const hosts = [...new Set(failing.filter((r) => r.direction === 'inbound').map((r) => r.host))];
  const peers = new Map<string, string[]>();
  for (const r of failing.filter((f) => f.direction === 'outbound')) {
    const role = rows.get(r.id)?.peer ?? 'peer';
    peers.set(role, [...new Set([...(peers.get(role) ?? []), r.host])]);
  }
  const directions = new Set<Direction>(failing.map((r) => r.direction));
  const s = before.settings;
  return {
    before,
    empty: failing.length === 0,
    verified: s.verified === true,
    options: {
      hosts,
      peers,
      direction: directions.size === 2 ? 'both' : ([...directions][0] ?? 'inbound'),
      keep: (id, direction, host) => wanted.has(`${id}|${direction}|${host}`),
      portOffset: num(s.portOffset, 0),
      concurrency: num(s.concurrency, 128),
      timeoutMs: num(s.timeoutMs, 2000),
      retries: num(s.retries, 1),
      adaptive: s.adaptive !== false,
      as: typeof s.as === 'string' ? s.as : undefined,
      from: typeof s.from === 'string' ? s.from : undefined,
    },
  };
}
