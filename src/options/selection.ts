import { direction, onlyPorts, stringList, wholeNumber, type DirectionChoice } from './fields.js';
import type { PortTable } from '../table/types.js';
import type { OnlySelection } from '../plan/types.js';

/** Plain input, as a JSON body or parsed argv gives it; field names as in the options objects. */
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
