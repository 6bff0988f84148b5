import type { Argv } from 'yargs';
import { rejectExtraArgs, withCommonOptions, tableFrom, type CommonArgs } from './common-options.js';
import { emit } from './emit.js';
import { exitCodeOf } from './exit-code.js';
import { intOption, parseOnly, parsePeers } from './parse-options.js';
import { tokenFromArgs, withTokenOptions, type TokenArgs } from './token-options.js';
import { runMatrix } from '../commands/matrix.js';
import { DEFAULT_CONTROL_PORT } from '../agent/control-protocol.js';
import { InputError } from '../errors.js';
import type { Direction } from '../table/types.js';

interface MatrixArgs extends CommonArgs, TokenArgs {
  server?: string;
  client?: string[];
  peer?: string[];
  direction: string;
  control: number;
  pin?: string[];
  only?: string;
  portOffset: number;
  timeout: number;
  retries: number;
  concurrency: number;
  strict: boolean;
}

// --pin HOST=SHA256 (the fingerprint the agent prints).
function parsePins(values: string[] | undefined): Map<string, string> {
  const pins = new Map<string, string>();
  for (const v of values ?? []) {
    const m = /^(.+)=((?:[0-9a-f]{2}:?){32})$/i.exec(v.trim());
    if (!m) throw new InputError(`--pin "${v}": expected HOST=SHA256 fingerprint (64 hex digits, colons allowed)`);
    pins.set(m[1]!, m[2]!);
  }
  return pins;
}

/** `portmatrix matrix`: both ends in one command, through the agents. */
export const matrixCommand = {
  command: 'matrix',
  describe: 'the full bidirectional matrix in one command, through `portmatrix agent` on every host',
  builder: (y: Argv) =>
    withTokenOptions(withCommonOptions(y), "the agents' shared secret")
      .option('server', {
        type: 'string',
        describe: 'the server (its agent listens for inbound rows and checks outbound ones)',
        requiresArg: true,
      })
      .option('client', {
        type: 'string',
        array: true,
        describe: 'a client whose agent checks the inbound rows (repeatable)',
        requiresArg: true,
      })
      .option('peer', {
        type: 'string',
        array: true,
        describe: 'ROLE=HOST: a peer whose agent listens for the outbound rows of ROLE (repeatable)',
        requiresArg: true,
      })
      .option('direction', {
        type: 'string',
        choices: ['inbound', 'outbound', 'both'],
        default: 'both',
        requiresArg: true,
      })
      .option('control', {
        type: 'number',
        default: DEFAULT_CONTROL_PORT,
        describe: "the agents' control port",
        requiresArg: true,
      })
      .option('pin', {
        type: 'string',
        array: true,
        describe: 'HOST=SHA256: the certificate fingerprint an agent printed (repeatable)',
        requiresArg: true,
      })
      .option('only', {
        type: 'string',
        describe: 'only these table ports or row ids, e.g. 22,443,https-aus',
        requiresArg: true,
      })
      .option('port-offset', { type: 'number', default: 0, requiresArg: true })
      .option('timeout', { type: 'number', default: 2000, requiresArg: true })
      .option('retries', { type: 'number', default: 1, requiresArg: true })
      .option('concurrency', { type: 'number', default: 128, requiresArg: true })
      .option('strict', { type: 'boolean', default: false }),
  handler: async (args: MatrixArgs) => {
    rejectExtraArgs(args);
    if (!args.server) throw new InputError('matrix: --server HOST is required');
    const token = tokenFromArgs(args);
    if (!token)
      throw new InputError(
        'matrix: a token is required (--token-file FILE, PORTMATRIX_TOKEN or --token): the agents accept only signed requests',
      );
    const peers = parsePeers(args.peer);
    const clients = args.client ?? [];
    const table = tableFrom(args);
    const inboundRoles = new Set(table.rows.flatMap((r) => (r.inbound && r.from ? [r.from] : [])));
    if (args.direction !== 'outbound' && clients.length === 0 && ![...peers.keys()].some((r) => inboundRoles.has(r)))
      throw new InputError(
        'matrix: inbound rows need at least one --client HOST, or --peer ROLE=HOST for a role they come from',
      );
    const report = await runMatrix({
      table,
      apps: args.app ?? [],
      server: args.server,
      clients,
      peers,
      direction: args.direction as Direction | 'both',
      token,
      controlPort: intOption('control', args.control, 1, 65535),
      pins: parsePins(args.pin),
      only: parseOnly(args.only, table),
      portOffset: intOption('port-offset', args.portOffset, -65534, 65534),
      timeoutMs: intOption('timeout', args.timeout, 1, 600000),
      retries: intOption('retries', args.retries, 0, 10),
      concurrency: intOption('concurrency', args.concurrency, 1, 65536),
    });
    emit({ kind: 'report', report }, args);
    return exitCodeOf(report, args.strict);
  },
};
