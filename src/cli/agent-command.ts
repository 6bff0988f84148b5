import type { Argv } from 'yargs';
import { setTimeout as sleep } from 'node:timers/promises';
import { rejectExtraArgs } from './common-options.js';
import { intOption } from './parse-options.js';
import { watchInterrupt } from './interrupt.js';
import { tokenFromArgs, withTokenOptions, type TokenArgs } from './token-options.js';
import { startAgent } from '../agent/agent-server.js';
import { agentTargets } from '../agent/target-list.js';
import { DEFAULT_CONTROL_PORT } from '../agent/control-protocol.js';
import { parseAllowList } from '../responder/allow-list.js';
import { InputError } from '../errors.js';

interface AgentArgs extends TokenArgs {
  _?: Array<string | number>;
  control: number;
  bind?: string;
  allow?: string[];
  targets?: string[];
  duration: number;
}

/** `portmatrix agent`: a control port that `portmatrix matrix` drives. */
export const agentCommand = {
  command: 'agent',
  describe: 'run on each host of the installation: starts responders and runs checks when `portmatrix matrix` asks',
  builder: (y: Argv) =>
    withTokenOptions(y, 'shared secret: authenticates every request and response, and signs probe answers')
      .option('control', {
        type: 'number',
        default: DEFAULT_CONTROL_PORT,
        describe: 'TCP control port (TLS)',
        requiresArg: true,
      })
      .option('bind', {
        type: 'string',
        describe: 'address for the control port (default: all interfaces)',
        requiresArg: true,
      })
      .option('allow', {
        type: 'string',
        array: true,
        describe: 'accept control connections only from this CIDR (repeatable; checked before TLS)',
        requiresArg: true,
      })
      .option('targets', {
        type: 'string',
        array: true,
        describe:
          'CIDR|HOST: what check requests may probe (repeatable; default: anything but loopback and link-local)',
        requiresArg: true,
      })
      .option('duration', {
        type: 'number',
        default: 3600,
        describe: 'seconds to run, then exit (0: until interrupted)',
        requiresArg: true,
      }),
  handler: async (args: AgentArgs) => {
    rejectExtraArgs(args);
    const token = tokenFromArgs(args);
    if (!token)
      throw new InputError(
        'agent: a token is required (--token-file FILE, PORTMATRIX_TOKEN or --token): every request is authenticated with it',
      );
    const duration = intOption('duration', args.duration, 0, 7 * 24 * 3600);
    const allow = parseAllowList(args.allow);
    const targets = agentTargets(args.targets);
    const port = intOption('control', args.control, 1, 65535);
    const agent = await startAgent({ token, port, bind: args.bind, allow, targets });
    const warn = (m: string) => process.stderr.write(`portmatrix: warning: ${m}\n`);
    if (allow.size === 0) warn('no --allow: anyone who can reach the control port may try to connect');
    if (!args.targets?.length)
      warn('no --targets: a holder of the token can make this agent probe any address it reaches (not loopback)');
    process.stderr.write(
      `agent on control port ${agent.port} (TLS, certificate sha256 ${agent.fingerprint}); checks may probe ${targets.describe}${duration ? `; for ${duration} s` : ' until interrupted'}; Ctrl-C stops\n`,
    );
    const interrupt = watchInterrupt();
    try {
      await sleep(duration === 0 ? 2 ** 31 - 1 : duration * 1000, undefined, { signal: interrupt.stop }).catch(
        () => undefined,
      );
      await agent.close();
      return interrupt.interrupted() ? 130 : 0;
    } finally {
      interrupt.dispose();
    }
  },
};
