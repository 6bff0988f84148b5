import { COMMON } from './option-declarations.js';
import { rawOptions, rejectExtraArgs, type CommandSpec } from './command-spec.js';
import { outputFrom, tableFrom } from './common-options.js';
import { emit } from './emit.js';
import { filterRows } from '../table/filter-rows.js';
import { selectedPorts } from '../plan/build-plan.js';
import { normalizePorts } from '../options/normalize-options.js';

/** `portmatrix ports`: prints the table. */
export const portsCommand: CommandSpec = {
  command: 'ports',
  describe: 'print the port table (filters: --app, --direction, --protocol, --only)',
  renders: 'ports',
  options: [...COMMON, 'direction', 'protocol', 'only'],
  overrides: {
    direction: {
      choices: ['inbound', 'outbound'],
      default: undefined,
      describe: 'only rows with traffic in this direction',
    },
    only: { describe: 'only the rows with these table ports, and the rows these ids name, e.g. 1741,40050-40070' },
  },
  run: async (args) => {
    rejectExtraArgs(args);
    const table = tableFrom(args);
    const input = normalizePorts(rawOptions(args, portsCommand), table);
    const rows = filterRows(table.rows, { ...input, aliases: table.aliases }).filter(
      (row) => selectedPorts(row, input.only).length > 0,
    );
    await emit({ kind: 'ports', table, rows }, outputFrom(args));
    return 0;
  },
};
