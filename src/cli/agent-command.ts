import type { Argv } from 'yargs';
import { setTimeout as sleep } from 'node:timers/promises';
import { rejectExtraArgs } from './common-options.js';
import { intOption } from './parse-options.js';
import { watchInterrupt } from './interrupt.js';
import { tokenFrom } from './check-command.js';
import { startAgent } from '../agent/agent-server.js';
import { DEFAULT_CONTROL_PORT } from '../agent/control-protocol.js';
import { parseAllowList } from '../responder/allow-list.js';
import { InputError } from '../errors.js';

interface AgentArgs {
  _?: Array<string | number>;
  control: number;
  bind?: string;
  token?: string;
  allow?: string[];
  duration: number;
}

/** `portmatrix agent`: a control port that `portmatrix matrix` drives. */
export const agentCommand = {
  command: 'agent',
  describe: 'run on each host of the installation: starts responders and runs checks when `portmatrix matrix` asks',
  builder: (y: Argv) =>
    y
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
      .option('token', {
        type: 'string',
        describe:
          'shared secret: authenticates every request and response, and signs probe answers (or PORTMATRIX_TOKEN)',
        requiresArg: true,
      })
      .option('allow', {
        type: 'string',
        array: true,
        describe: 'accept control connections only from this CIDR (repeatable)',
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
    const token = tokenFrom(args.token);
    if (!token)
      throw new InputError('agent: --token (or PORTMATRIX_TOKEN) is required: every request is authenticated with it');
    const duration = intOption('duration', args.duration, 0, 7 * 24 * 3600);
    const agent = await startAgent({
      token,
      port: intOption('control', args.control, 1, 65535),
      bind: args.bind,
      allow: parseAllowList(args.allow),
    });
    process.stderr.write(
      `agent on control port ${agent.port} (TLS, certificate sha256 ${agent.fingerprint})${duration ? ` for ${duration} s` : ' until interrupted'}; Ctrl-C stops\n`,
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
