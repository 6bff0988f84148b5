import { rawOptions, rejectExtraArgs, type CommandSpec } from './command-spec.js';
import { CONTRACT, SERVE_EXCEPT } from './option-declarations.js';
import { tableFrom } from './common-options.js';
import { watchInterrupt } from './interrupt.js';
import { runServe } from '../commands/serve.js';
import { snmpCommunityFrom } from './snmp-community.js';
import { useSnmpCommunity } from '../probe/udp-payloads.js';
import { normalizeServe } from '../options/normalize-options.js';
import { DEFAULT_LISTEN, parseListen } from '../serve/listen-address.js';
import { parseTargets } from '../serve/target-guard.js';

/** `portmatrix serve`: the Prometheus exporter. */
export const serveCommand: CommandSpec = {
  command: 'serve',
  describe: 'a Prometheus exporter: GET /probe?target=HOST answers with the matrix as metrics',
  // The contract's options but --format and --output: serve's documents are its HTTP answers.
  options: [
    ...CONTRACT.filter((o) => !SERVE_EXCEPT.includes(o)),
    'listen',
    'targets',
    'min-interval',
    'concurrency',
    'timeout',
    'retries',
    'rate-limit-budget',
    'port-offset',
    'adaptive',
    'snmp-community',
    'snmp-community-file',
    'token',
    'token-file',
  ],
  overrides: {
    listen: { default: DEFAULT_LISTEN },
    color: { describe: "accepted for scripts that pass it to every command; serve's log is never coloured" },
    concurrency: { describe: 'probes in flight at once, all requests together' },
    timeout: { describe: 'ms to wait per attempt' },
    'port-offset': { describe: 'probe port+N' },
    adaptive: { describe: 'stop waiting for silent ports sooner once a round trip is known (--no-adaptive)' },
  },
  epilogue:
    '--app selects the rows every probe may use; a probe narrows further with app=. ' +
    "Answers are verified with the responders' secret from --token-file or PORTMATRIX_TOKEN. " +
    'Ctrl-C or SIGTERM: stop accepting, finish the probes in flight, exit 0 (a second Ctrl-C aborts them).',
  run: async (args) => {
    rejectExtraArgs(args);
    const input = normalizeServe(rawOptions(args, serveCommand));
    const at = parseListen(input.listen);
    const guard = parseTargets(input.targets);
    const table = tableFrom(args);
    useSnmpCommunity(snmpCommunityFrom(args.snmpCommunity as string, args.snmpCommunityFile as string));
    const interrupt = watchInterrupt();
    try {
      return await runServe({
        ...input,
        at,
        guard,
        table,
        stopSignal: interrupt.stop,
        abortSignal: interrupt.abort,
      });
    } finally {
      interrupt.dispose();
    }
  },
};
