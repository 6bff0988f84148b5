import { choice, stringList } from './fields.js';
import type { RawOptions } from './selection.js';
import type { Direction, Protocol } from '../table/types.js';

/** `ports`: which rows of the table to print. */
export interface PortsInput {
  apps: string[];
  direction?: Direction;
  protocol?: Protocol;
}

/** `ports` options, checked; throws OptionError. */
export function normalizePorts(raw: RawOptions): PortsInput {
  const dir =
    raw.direction === undefined ? undefined : choice('direction', raw.direction, ['inbound', 'outbound'], 'inbound');
  const protocol = raw.protocol === undefined ? undefined : choice('protocol', raw.protocol, ['tcp', 'udp'], 'tcp');
  return { apps: stringList('apps', raw.apps), direction: dir, protocol };
}
