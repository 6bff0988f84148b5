import { loadTable } from '../table/load-table.js';
import type { EmitOptions } from './emit.js';
import type { ParsedArgs } from './command-spec.js';
import type { PortTable } from '../table/types.js';

/** Where and how a report command's output goes, and whether progress shows. */
export interface OutputOptions extends EmitOptions {
  quiet: boolean;
}

/** --format, --output, --color, --width, --ascii, --explain and --quiet (yargs has checked the choices). */
export function outputFrom(args: ParsedArgs): OutputOptions {
  return {
    format: typeof args.format === 'string' ? args.format : 'table',
    output: typeof args.output === 'string' ? args.output : undefined,
    color: args.color !== false,
    width: typeof args.width === 'number' ? args.width : undefined,
    ascii: typeof args.ascii === 'boolean' ? args.ascii : undefined,
    explain: args.explain === true,
    quiet: args.quiet === true,
  };
}

/** Loads --ports, or the embedded table. */
export function tableFrom(args: ParsedArgs): PortTable {
  return typeof args.ports === 'string' ? loadTable(args.ports) : loadTable();
}
