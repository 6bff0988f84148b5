import { rawOptions, rejectExtraArgs, type CommandSpec } from './command-spec.js';
import { watchInterrupt } from './interrupt.js';
import { runAgent } from '../commands/agent.js';
import { normalizeAgent } from '../options/normalize-options.js';
import { BOUNDS } from '../options/bounds.js';

/** `portmatrix agent`: a control port that `portmatrix matrix` drives. */
export const agentCommand: CommandSpec = {
  command: 'agent',
  describe: 'run on each host of the installation: starts responders and runs checks when `portmatrix matrix` asks',
  options: ['control', 'bind', 'token', 'token-file', 'allow', 'targets', 'duration'],
  overrides: {
    control: { describe: 'TCP control port (TLS)' },
    bind: { describe: 'address for the control port (default: all interfaces)' },
    token: {
      describe:
        'shared secret: authenticates every request and response, and signs probe answers; at least 128 bits ' +
        '(portmatrix token makes one); prefer --token-file or PORTMATRIX_TOKEN',
    },
    allow: { describe: 'accept control connections only from this CIDR (repeatable; checked before TLS)' },
    targets: {
      describe: 'CIDR|HOST: what check requests may probe (repeatable; default: anything but loopback and link-local)',
    },
    duration: {
      defaultDescription: String(BOUNDS.agentDuration.default),
      describe: 'seconds to run, then exit (0: until interrupted)',
    },
  },
  run: async (args) => {
    rejectExtraArgs(args);
    const input = normalizeAgent(rawOptions(args, agentCommand));
    const interrupt = watchInterrupt();
    try {
      await runAgent(input, interrupt.stop, (agent, targets) => {
        const warn = (m: string) => process.stderr.write(`portmatrix: warning: ${m}\n`);
        if (input.allow.size === 0) warn('no --allow: anyone who can reach the control port may try to connect');
        if (input.targets.length === 0)
          warn('no --targets: a holder of the token can make this agent probe any address it reaches (not loopback)');
        const how = input.duration ? `; for ${input.duration} s` : ' until interrupted';
        process.stderr.write(
          `agent on control port ${agent.port} (TLS, certificate sha256 ${agent.fingerprint}); ` +
            `checks may probe ${targets}${how}; Ctrl-C stops\n`,
        );
      });
      return interrupt.interrupted() ? 130 : 0;
    } finally {
      interrupt.dispose();
    }
  },
};
