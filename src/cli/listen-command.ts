import { COMMON } from './option-declarations.js';
import { rawOptions, rejectExtraArgs, type CommandSpec } from './command-spec.js';
import { outputFrom, tableFrom } from './common-options.js';
import { emit } from './emit.js';
import { watchInterrupt } from './interrupt.js';
import { exitCodeOf } from './exit-code.js';
import { checkPidFile, removePidFile, writePidFile } from './pid-file.js';
import { planListen, runListen } from '../commands/listen.js';
import { normalizeListen } from '../options/normalize-options.js';
import { counted } from '../util/plural.js';

/** `portmatrix listen`: the responder. */
export const listenCommand: CommandSpec = {
  command: 'listen',
  describe: "stand in for the server (or a peer): bind the selected rows' ports and answer probes",
  options: [
    ...COMMON,
    'direction',
    'bind',
    'token',
    'token-file',
    'duration',
    'port-offset',
    'allow',
    'peer-role',
    'only',
    'pid-file',
  ],
  overrides: {
    direction: { describe: 'inbound: stand in for the server; outbound: stand in for a peer' },
    token: {
      describe:
        'shared secret: answers carry an HMAC the checker verifies. Visible to local users in the process list: ' +
        'prefer --token-file or PORTMATRIX_TOKEN',
    },
    'port-offset': { describe: 'bind port+N (no privileges needed for high ports)' },
  },
  run: async (args) => {
    rejectExtraArgs(args);
    const table = tableFrom(args);
    const input = normalizeListen(rawOptions(args, listenCommand), table);
    const output = outputFrom(args);
    const pidFile = typeof args.pidFile === 'string' ? args.pidFile : undefined;
    const planned = planListen(table, input);
    if (pidFile) checkPidFile(pidFile);
    const interrupt = watchInterrupt();
    try {
      const { report, stats } = await runListen(planned, interrupt.stop, async (bound, ports) => {
        await emit({ kind: 'report', report: bound }, output);
        if (pidFile) await writePidFile(pidFile);
        const how = input.duration ? `for ${input.duration} s` : 'until interrupted';
        const line =
          ports === 0 ? 'no port bound: nothing to serve, stopping' : `listening on ${counted(ports, 'port')} ${how}`;
        process.stderr.write(`${line}${ports ? '; Ctrl-C stops' : ''}\n`);
      });
      const s = stats;
      process.stderr.write(
        `stopped: answered ${s.answered}, busy ${s.busy}, dropped ${s.dropped} malformed, ` +
          `refused ${s.refused} (allow list or limits)\n`,
      );
      return interrupt.interrupted() ? 130 : exitCodeOf(report, false);
    } finally {
      interrupt.dispose();
      if (pidFile) removePidFile(pidFile);
    }
  },
};
