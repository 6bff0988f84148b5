import type { Argv } from 'yargs';
import { readToken } from '../options/token.js';

/** The token options, as parsed by yargs. */
export interface TokenArgs {
  token?: string;
  tokenFile?: string;
}

/** Declares --token and --token-file; `what` says what the token does for this command. */
export function withTokenOptions<T>(y: Argv<T>, what: string) {
  return y
    .option('token', {
      type: 'string',
      describe: `${what}; at least 128 bits (portmatrix token makes one). Visible to local users in the process list: prefer --token-file or PORTMATRIX_TOKEN`,
      requiresArg: true,
    })
    .option('token-file', {
      type: 'string',
      describe: 'read the token from the first line of FILE (keep it mode 600)',
      requiresArg: true,
    });
}

/** The command's token from --token, --token-file or PORTMATRIX_TOKEN (warnings go to stderr). */
export function tokenFromArgs(args: TokenArgs): string | undefined {
  return readToken({ token: args.token, tokenFile: args.tokenFile, env: process.env.PORTMATRIX_TOKEN }, (m) =>
    process.stderr.write(`portmatrix: ${m}\n`),
  );
}
