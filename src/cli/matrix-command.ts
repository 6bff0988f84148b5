import { COMMON } from './option-declarations.js';
import { rawOptions, rejectExtraArgs, type CommandSpec } from './command-spec.js';
import { outputFrom, tableFrom } from './common-options.js';
import { emit } from './emit.js';
import { exitCodeOf } from './exit-code.js';
import { planMatrix, runMatrix } from '../commands/matrix.js';
import { normalizeMatrix } from '../options/normalize-options.js';

/** `portmatrix matrix`: both ends in one command, through the agents. */
export const matrixCommand: CommandSpec = {
  command: 'matrix',
  describe: 'the full bidirectional matrix in one command, through `portmatrix agent` on every host',
  options: [
    ...COMMON,
    'server',
    'client',
    'peer',
    'direction',
    'token',
    'token-file',
    'control',
    'pin',
    'only',
    'port-offset',
    'timeout',
    'retries',
    'concurrency',
    'strict',
  ],
  overrides: {
    peer: { describe: 'ROLE=HOST: a peer whose agent listens for the outbound rows of ROLE (repeatable)' },
    direction: { default: 'both' },
    token: {
      describe:
        "the agents' shared secret. Visible to local users in the process list: prefer --token-file or " +
        'PORTMATRIX_TOKEN',
    },
  },
  run: async (args) => {
    rejectExtraArgs(args);
    const table = tableFrom(args);
    const input = normalizeMatrix(rawOptions(args, matrixCommand), table);
    const output = outputFrom(args);
    const report = await runMatrix(planMatrix(table, input));
    await emit({ kind: 'report', report }, output);
    return exitCodeOf(report, input.strict);
  },
};
