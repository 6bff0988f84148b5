import { rejectExtraArgs, type CommandSpec } from './command-spec.js';
import { newToken } from '../options/token.js';

/** `portmatrix token`: prints a fresh random token. */
export const tokenCommand: CommandSpec = {
  command: 'token',
  describe: 'print a fresh random token (256 bits) for listen, check, agent and matrix',
  options: [],
  run: (args) => {
    rejectExtraArgs(args);
    process.stdout.write(`${newToken()}\n`);
    return 0;
  },
};
