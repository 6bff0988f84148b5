import { InputError } from '../errors.js';
import { selectedPorts, type OnlySelection } from '../plan/build-plan.js';
import { readReportOf } from '../report/report-table.js';
import { directionsOf, filterRows, rolesIn } from '../table/filter-rows.js';
import { groupsFromReport, openingsFromReport, openingsFromRows, type Openings } from '../rules/openings.js';
import { PRODUCT, mergeOpenings, type RuleSet } from '../rules/rule-set.js';
import type { Direction, PortTable } from '../table/types.js';
import { ipVersion } from '../util/address.js';

/** What `rules` consolidates: a report's results, or the selected rows of the table. */
export interface RulesOptions {
  table: PortTable;
  /** A JSON report of check or matrix; without it, the whole selection of the table. */
  reportFile?: string;
  /** With a report: every result, not only those that did not pass. */
  all: boolean;
  apps: string[];
  direction: Direction | 'both';
  only?: OnlySelection;
  /** Addresses of the product's server. */
  server: string[];
  /** Addresses per role. */
  peers: Map<string, string[]>;
}

/** True for an IPv4/IPv6 address or CIDR. */
function isAddressOrCidr(text: string): boolean {
  const [ip, prefix, extra] = text.split('/');
  const family = ipVersion(ip ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

// --server and --peer addresses, checked: roles must be the table's, addresses literal.
function givenGroups(opts: RulesOptions): Map<string, string[]> {
  const roles = rolesIn(opts.table.rows);
  const groups = new Map<string, string[]>();
  for (const [role, addresses] of [[PRODUCT, opts.server] as const, ...opts.peers]) {
    if (role !== PRODUCT && !roles.includes(role))
      throw new InputError(`--peer ${role}=…: no row of the table has the role "${role}"; roles: ${roles.join(', ')}`);
    for (const a of addresses) {
      if (!isAddressOrCidr(a))
        throw new InputError(
          `${role === PRODUCT ? '--server' : `--peer ${role}`}=${a}: expected an IP address or CIDR`,
        );
    }
    if (addresses.length > 0) groups.set(role, [...addresses]);
  }
  return groups;
}

// Openings from the report (checked against the table), kept to the --app/--only selection.
function fromReport(
  opts: RulesOptions,
  file: string,
): { openings: Openings; seen: Map<string, string[]>; offset: number } {
  const report = readReportOf(file, opts.table, 'rules');
  const keep = new Map(
    filterRows(opts.table.rows, { apps: opts.apps, aliases: opts.table.aliases }).map((r) => [r.id, r]),
  );
  const all = openingsFromReport(report, opts.table, opts.all);
  const openings = all.openings.filter((o) => {
    const row = keep.get(o.rowId);
    return row !== undefined && selectedPorts(row, opts.only).includes(o.port);
  });
  const offset = typeof report.settings.portOffset === 'number' ? report.settings.portOffset : 0;
  return { openings: { openings, unopened: all.unopened }, seen: groupsFromReport(report, opts.table), offset };
}

/** Builds one consolidated rule set: per (source, destination, protocol), only to the roles the table names. */
export function buildRuleSet(opts: RulesOptions): RuleSet {
  const given = givenGroups(opts);
  let openings: Openings;
  let groups = new Map<string, string[]>();
  let origin: string;
  if (opts.reportFile) {
    const r = fromReport(opts, opts.reportFile);
    openings = r.openings;
    groups = r.seen;
    origin = `from report ${opts.reportFile}, ${opts.all ? 'every result' : 'the results that did not pass'}`;
    // The check probed port+N (--port-offset): the rules open the table's ports, the ones the product uses.
    if (r.offset !== 0) {
      const at = `${r.offset > 0 ? '+' : ''}${r.offset}`;
      origin += `; the check probed each port at ${at} (--port-offset): these rules open the table's ports`;
    }
  } else {
    const rows = filterRows(opts.table.rows, {
      apps: opts.apps,
      aliases: opts.table.aliases,
      direction: opts.direction,
    });
    openings = openingsFromRows(rows, directionsOf(opts.direction), opts.only);
    const directions = opts.direction === 'both' ? 'both directions' : opts.direction;
    origin = `from the table (${directions}), every port of the selected rows`;
  }
  for (const [g, list] of given) groups.set(g, [...new Set([...(groups.get(g) ?? []), ...list])]);
  const rules = mergeOpenings(
    openings.openings,
    opts.table.rows.map((r) => r.id),
  );
  const used = [PRODUCT, ...new Set(rules.flatMap((r) => [r.source, r.destination]))];
  const ordered = new Map([...new Set(used)].map((g) => [g, groups.get(g) ?? []]));
  return {
    product: opts.table.product,
    origin,
    notes: opts.table.notes ?? [],
    groups: ordered,
    rules,
    unopened: openings.unopened,
  };
}
