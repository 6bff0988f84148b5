import { COMMON } from './option-declarations.js';
import { rawOptions, rejectExtraArgs, type CommandSpec } from './command-spec.js';
import { outputFrom, tableFrom } from './common-options.js';
import { emit } from './emit.js';
import { exitCodeOf } from './exit-code.js';
import { auditPlan, planAudit } from '../commands/audit.js';
import { normalizeAudit } from '../options/normalize-options.js';
import { currentPlatform } from '../platform/index.js';

/** `portmatrix audit`: the server's own ports. */
export const auditCommand: CommandSpec = {
  command: 'audit',
  describe: "on the server: which of the table's ports are free, which taken, and by which process",
  options: [...COMMON, 'expect', 'address', 'direction', 'port-offset', 'only'],
  overrides: {
    direction: { describe: 'which rows (the server listens on inbound ones)' },
    'port-offset': { describe: 'look at port+N' },
  },
  run: async (args) => {
    rejectExtraArgs(args);
    const table = tableFrom(args);
    const input = normalizeAudit(rawOptions(args, auditCommand), table);
    const output = outputFrom(args);
    const report = await auditPlan(planAudit(table, input), currentPlatform());
    await emit({ kind: 'report', report }, output);
    return exitCodeOf(report, false);
  },
};
