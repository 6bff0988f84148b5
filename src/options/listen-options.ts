import { OptionError } from './option-error.js';
import { allowList, optionalText, wholeNumber, type DirectionChoice } from './fields.js';
import { tokenOf } from './probe-settings.js';
import { normalizeSelection, type RawOptions, type Selection, type TableContext } from './selection.js';
import type { AllowList } from '../responder/allow-list.js';
import { directionsOf, rolesIn } from '../table/filter-rows.js';

/** `listen`: what to bind, where, and for how long. */
export interface ListenInput extends Selection {
  /** Stand in for this role only: inbound rows from it, outbound rows to it. */
  peerRole?: string;
  bind?: string;
  token?: string;
  allow: AllowList;
  /** Seconds to serve (fractions allowed); 0: until interrupted. */
  duration: number;
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
