import type { Argv } from 'yargs';
import { rejectExtraArgs, withCommonOptions, tableFrom, type CommonArgs } from './common-options.js';
import { emit } from './emit.js';
import { filterRows } from '../table/filter-rows.js';
import type { Direction, Protocol } from '../table/types.js';

/** `portmatrix ports`: prints the table. */
export const portsCommand = {
  command: 'ports',
  describe: 'print the port table (filters: --app, --direction, --protocol)',
  builder: (y: Argv) =>
    withCommonOptions(y, 'ports')
      .option('direction', {
        type: 'string',
        choices: ['inbound', 'outbound'],
        describe: 'only rows with traffic in this direction',
        requiresArg: true,
      })
      .option('protocol', {
        type: 'string',
        choices: ['tcp', 'udp'],
        describe: 'only rows of this protocol',
        requiresArg: true,
      }),
  handler: (args: CommonArgs & { direction?: string; protocol?: string }) => {
    rejectExtraArgs(args);
    const table = tableFrom(args);
    const rows = filterRows(table.rows, {
      apps: args.app,
      aliases: table.aliases,
      direction: args.direction as Direction | undefined,
      protocol: args.protocol as Protocol | undefined,
    });
    emit({ kind: 'ports', table, rows }, args);
    return 0;
  },
};
