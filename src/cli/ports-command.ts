import { COMMON } from './option-declarations.js';
import { rawOptions, rejectExtraArgs, type CommandSpec } from './command-spec.js';
import { outputFrom, tableFrom } from './common-options.js';
import { emit } from './emit.js';
import { filterRows } from '../table/filter-rows.js';
import { normalizePorts } from '../options/normalize-options.js';

/** `portmatrix ports`: prints the table. */
export const portsCommand: CommandSpec = {
  command: 'ports',
  describe: 'print the port table (filters: --app, --direction, --protocol)',
  renders: 'ports',
  options: [...COMMON, 'direction', 'protocol'],
  overrides: {
    direction: {
      choices: ['inbound', 'outbound'],
      default: undefined,
      describe: 'only rows with traffic in this direction',
    },
  },
  run: async (args) => {
    rejectExtraArgs(args);
    const input = normalizePorts(rawOptions(args, portsCommand));
    const table = tableFrom(args);
    await emit(
      { kind: 'ports', table, rows: filterRows(table.rows, { ...input, aliases: table.aliases }) },
      outputFrom(args),
    );
    return 0;
  },
};
