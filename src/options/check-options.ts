import { OptionError } from './option-error.js';
import { flag, hostLabel, optionalText } from './fields.js';
import { probeTargets } from './probe-targets.js';
import { checkPeerRoles } from './peer-roles.js';
import { normalizeProbeSettings, type ProbeSettings } from './probe-settings.js';
import { normalizeSelection, type RawOptions, type Selection, type TableContext } from './selection.js';
import { rolesIn } from '../table/filter-rows.js';

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

/** `check` options, checked and with defaults; throws OptionError. */
export function normalizeCheck(raw: RawOptions, table?: TableContext): CheckInput {
  const selection = normalizeSelection(raw, table);
  const { hosts, peers } = probeTargets(raw.hosts, raw.peers, selection.direction);
  checkPeerRoles(peers, selection.direction, table?.rows);
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

// --as ROLE: one of the roles the table's inbound rows come from (lower-cased).
function sourceRole(raw: unknown, table: TableContext): string | undefined {
  const role = optionalText('as', raw)?.toLowerCase();
  if (role === undefined || table === undefined) return role;
  const roles = rolesIn(table.rows, 'inbound');
  if (!roles.includes(role))
    throw new OptionError('as', raw, `no inbound row of the table comes from it; expected one of ${roles.join(', ')}`);
  return role;
}
