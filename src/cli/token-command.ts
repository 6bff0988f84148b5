import { rejectExtraArgs } from './common-options.js';
import { newToken } from '../options/token.js';

/** `portmatrix token`: prints a fresh random token. */
export const tokenCommand = {
  command: 'token',
  describe: 'print a fresh random token (256 bits) for listen, check, agent and matrix',
  builder: {},
  handler: (args: { _?: Array<string | number> }) => {
    rejectExtraArgs(args);
    process.stdout.write(`${newToken()}\n`);
    return 0;
  },
};
