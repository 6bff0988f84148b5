import type { Argv } from 'yargs';
import { rejectExtraArgs, withCommonOptions, tableFrom, type CommonArgs } from './common-options.js';
import { emit } from './emit.js';
import { exitCodeOf } from './exit-code.js';
import { intOption, parseOnly } from './parse-options.js';
import { runAudit, type Expectation } from '../commands/audit.js';
import { currentPlatform } from '../platform/index.js';
import type { Direction } from '../table/types.js';

interface AuditArgs extends CommonArgs {
  direction: string;
  expect: string;
  portOffset: number;
  only?: string;
}

/** `portmatrix audit`: the server's own ports. */
export const auditCommand = {
  command: 'audit',
  describe: "on the server: which of the table's ports are free, which taken, and by which process",
  builder: (y: Argv) =>
    withCommonOptions(y)
      .option('expect', {
        type: 'string',
        choices: ['free', 'listening'],
        default: 'listening',
        describe:
          'free: pre-install (a taken port is a conflict); listening: post-install (every port must have a listener)',
        requiresArg: true,
      })
      .option('direction', {
        type: 'string',
        choices: ['inbound', 'outbound', 'both'],
        default: 'inbound',
        describe: 'which rows (the server listens on inbound ones)',
        requiresArg: true,
      })
      .option('port-offset', { type: 'number', default: 0, describe: 'look at port+N', requiresArg: true })
      .option('only', {
        type: 'string',
        describe: 'only these table ports or row ids, e.g. 22,443,40050-40070,https-aus',
        requiresArg: true,
      }),
  handler: async (args: AuditArgs) => {
    rejectExtraArgs(args);
    const table = tableFrom(args);
    const report = await runAudit({
      table,
      apps: args.app ?? [],
      direction: args.direction as Direction | 'both',
      only: parseOnly(args.only, table),
      portOffset: intOption('port-offset', args.portOffset, -65534, 65534),
      expect: args.expect as Expectation,
      platform: currentPlatform(),
    });
    emit({ kind: 'report', report }, args);
    return exitCodeOf(report, false);
  },
};
