import type { Argv } from 'yargs';
import { rejectExtraArgs, tableFrom } from './common-options.js';
import { intOption } from './parse-options.js';
import { watchInterrupt } from './interrupt.js';
import { snmpCommunityFrom, withSnmpCommunityOptions } from './snmp-community.js';
import { useSnmpCommunity } from '../probe/udp-payloads.js';
import { tokenFromArgs } from './token-options.js';
import { runServe } from '../commands/serve.js';
import { InputError } from '../errors.js';
import { DEFAULT_LISTEN, parseListen } from '../serve/listen-address.js';
import { parseTargets } from '../serve/target-guard.js';

interface ServeArgs {
  _?: Array<string | number>;
  ports?: string;
  app?: string[];
  listen: string;
  targets?: string[];
  concurrency: number;
  timeout: number;
  retries: number;
  portOffset: number;
  adaptive: boolean;
  minInterval: number;
  snmpCommunity?: string;
  snmpCommunityFile?: string;
}

const MAX_INTERVAL_S = 3600;

// --min-interval in milliseconds: seconds from 0 to an hour, fractions allowed.
function minIntervalMs(value: unknown): number {
  const s = typeof value === 'number' ? value : Number.NaN;
  if (!Number.isFinite(s) || s < 0 || s > MAX_INTERVAL_S) {
    throw new InputError(`--min-interval ${String(value)}: expected seconds from 0 to ${MAX_INTERVAL_S}`);
  }
  return Math.round(s * 1000);
}

/** The options of `portmatrix serve`. */
function serveOptions(y: Argv) {
  return withSnmpCommunityOptions(y)
    .option('ports', { type: 'string', describe: 'port table instead of the embedded Table A-1', requiresArg: true })
    .option('app', {
      type: 'string',
      array: true,
      describe: 'only rows whose application contains NAME (repeatable); a probe may narrow further with app=',
      requiresArg: true,
    })
    .option('listen', {
      type: 'string',
      default: DEFAULT_LISTEN,
      describe: 'ADDRESS:PORT to serve HTTP on ([::1]:9753 for IPv6; port 0: any free port)',
      requiresArg: true,
    })
    .option('targets', {
      type: 'string',
      array: true,
      describe: 'CIDR or HOST that /probe may probe (repeatable; default: loopback only); others get 403',
      requiresArg: true,
    })
    .option('min-interval', {
      type: 'number',
      default: 10,
      describe: 'seconds: a (target, query) is probed at most once per interval; scrapes between get the last answer',
      requiresArg: true,
    })
    .option('concurrency', {
      type: 'number',
      default: 128,
      describe: 'probes in flight at once, all requests together',
      requiresArg: true,
    })
    .option('timeout', { type: 'number', default: 2000, describe: 'ms to wait per attempt', requiresArg: true })
    .option('retries', { type: 'number', default: 1, describe: 'UDP resends after silence', requiresArg: true })
    .option('port-offset', { type: 'number', default: 0, describe: 'probe port+N', requiresArg: true })
    .option('adaptive', {
      type: 'boolean',
      default: true,
      describe: 'stop waiting for silent ports sooner once a round trip is known (--no-adaptive)',
    })
    .epilogue(
      "Answers are verified when PORTMATRIX_TOKEN holds the responders' secret. Ctrl-C or SIGTERM: stop " +
        'accepting, finish the probes in flight, exit 0 (a second Ctrl-C aborts them).',
    );
}

/** `portmatrix serve`: the Prometheus exporter. */
export const serveCommand = {
  command: 'serve',
  describe: 'a Prometheus exporter: GET /probe?target=HOST answers with the matrix as metrics',
  builder: serveOptions,
  handler: async (args: ServeArgs) => {
    rejectExtraArgs(args);
    const at = parseListen(args.listen);
    const guard = parseTargets(args.targets);
    const settings = {
      concurrency: intOption('concurrency', args.concurrency, 1, 65536),
      timeoutMs: intOption('timeout', args.timeout, 1, 600000),
      retries: intOption('retries', args.retries, 0, 10),
      portOffset: intOption('port-offset', args.portOffset, -65534, 65534),
      adaptive: args.adaptive,
      minIntervalMs: minIntervalMs(args.minInterval),
      token: tokenFromArgs({}),
    };
    useSnmpCommunity(snmpCommunityFrom(args.snmpCommunity, args.snmpCommunityFile));
    const table = tableFrom({ ports: args.ports, format: 'table' });
    const interrupt = watchInterrupt();
    try {
      return await runServe({
        at,
        guard,
        table,
        apps: args.app ?? [],
        ...settings,
        stopSignal: interrupt.stop,
        abortSignal: interrupt.abort,
      });
    } finally {
      interrupt.dispose();
    }
  },
};
