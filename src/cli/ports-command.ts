import { COMMON } from './option-declarations.js';
import { rawOptions, rejectExtraArgs, type CommandSpec } from './command-spec.js';
import { outputFrom, tableFrom } from './common-options.js';
import { emit } from './emit.js';
import { filterRows } from '../table/filter-rows.js';
import { selectedPorts } from '../plan/build-plan.js';
import { normalizePorts } from '../options/normalize-options.js';
import { OptionError } from '../options/option-error.js';
import type { PortsInput } from '../options/ports-options.js';
import type { PortRow, PortTable } from '../table/types.js';

type Step = [field: string, value: unknown, expected: string, keep: (rows: PortRow[]) => PortRow[]];

// The rows the filters keep; none is an input error naming the first filter that left none (exit 2, as check).
function selectRows(table: PortTable, input: PortsInput, onlySpec: unknown): PortRow[] {
  const apps = input.apps.length > 0 ? input.apps.join(', ') : undefined;
  const steps: Step[] = [
    ['apps', apps, 'no selected row matches', (rows) => filterRows(rows, { apps: input.apps, aliases: table.aliases })],
    ['protocol', input.protocol, 'no selected row has it', (rows) => filterRows(rows, { protocol: input.protocol })],
    [
      'direction',
      input.direction,
      'no selected row has it',
      (rows) => filterRows(rows, { direction: input.direction }),
    ],
    [
      'only',
      onlySpec,
      'no port of the selected rows is in it',
      (rows) => rows.filter((r) => selectedPorts(r, input.only).length > 0),
    ],
  ];
  let rows = table.rows;
  for (const [field, value, expected, keep] of steps) {
    if (value === undefined) continue;
    rows = keep(rows);
    if (rows.length === 0) throw new OptionError(field, value, expected);
  }
  return rows;
}

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
    const rows = selectRows(table, input, args.only);
    await emit({ kind: 'ports', table, rows }, outputFrom(args));
    return 0;
  },
};
