import { choice, onlyPorts, stringList } from './fields.js';
import type { RawOptions, TableContext } from './selection.js';
import type { OnlySelection } from '../plan/types.js';
import type { Direction, Protocol } from '../table/types.js';

/** `ports`: which rows of the table to print. */
export interface PortsInput {
  apps: string[];
  direction?: Direction;
  protocol?: Protocol;
  /** --only: the rows with one of these table ports, and the rows these ids name (as check's --only). */
  only?: OnlySelection;
}

/** `ports` options, checked (--only's row ids against the table); throws OptionError. */
export function normalizePorts(raw: RawOptions, table?: TableContext): PortsInput {
  const dir =
    raw.direction === undefined ? undefined : choice('direction', raw.direction, ['inbound', 'outbound'], 'inbound');
  const protocol = raw.protocol === undefined ? undefined : choice('protocol', raw.protocol, ['tcp', 'udp'], 'tcp');
  const only = onlyPorts(
    raw.only,
    table?.rows.map((r) => r.id),
  );
  return { apps: stringList('apps', raw.apps), direction: dir, protocol, only };
}
