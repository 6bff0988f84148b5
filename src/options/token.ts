import { nodeCrypto } from '../util/node-crypto.js';
import fs from 'node:fs';
import { InputError } from '../errors.js';
import { currentPlatform } from '../platform/index.js';

/** The least strength a token may have, in bits. */
export const MIN_TOKEN_BITS = 128;
const MAX_TOKEN_FILE = 4096;
const HOW = 'make one with "portmatrix token" and give it with --token-file FILE or PORTMATRIX_TOKEN';

/** A fresh token: 256 random bits, base64url (43 characters). */
export function newToken(): string {
  return nodeCrypto().randomBytes(32).toString('base64url');
}

/**
 * An upper estimate of a token's strength: its length times the bits of the character classes it
 * uses (hex digits 4, digits 3.3, one case of letters 4.7, both cases and digits 5.95, …). It cannot
 * tell a guessable phrase from a random one, only refuse what is certainly too short.
 */
export function tokenBits(token: string): number {
  if (/^[0-9a-f]+$/.test(token) || /^[0-9A-F]+$/.test(token)) return token.length * 4;
  let alphabet = 0;
  if (/[0-9]/.test(token)) alphabet += 10;
  if (/[a-z]/.test(token)) alphabet += 26;
  if (/[A-Z]/.test(token)) alphabet += 26;
  if (/[!-/:-@[-`{-~ ]/.test(token)) alphabet += 33;
  if (/[^\x20-\x7e]/.test(token)) alphabet += 128;
  return Math.floor([...token].length * Math.log2(Math.max(alphabet, 2)));
}

/** Where a command's token may come from. */
export interface TokenSources {
  /** --token (visible to every local user in the process list: the file or the variable is better). */
  token?: string;
  /** --token-file PATH. */
  tokenFile?: string;
  /** PORTMATRIX_TOKEN. */
  env?: string;
}

// The file's token: its first line, trimmed; warns when others may read it.
function fromFile(file: string, warn: (message: string) => void): string {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > MAX_TOKEN_FILE)
      throw new InputError(`--token-file "${file}": expected a small file holding the token`);
    if (currentPlatform().posixFileModes && (st.mode & 0o077) !== 0)
      warn(
        `warning: --token-file "${file}" is readable by group or others ` +
          `(mode ${(st.mode & 0o777).toString(8)}): chmod 600 "${file}"`,
      );
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`--token-file "${file}": cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return (text.split(/\r?\n/)[0] ?? '').trim();
}

/**
 * The token a command runs with (--token, --token-file, or PORTMATRIX_TOKEN, in that order of
 * preference as given), or undefined when none is given. A token weaker than MIN_TOKEN_BITS is an
 * input error that says how to make a good one; the token itself is never printed.
 */
export function readToken(src: TokenSources, warn: (message: string) => void = () => undefined): string | undefined {
  if (src.token !== undefined && src.tokenFile !== undefined)
    throw new InputError('--token and --token-file: give one of them');
  const [where, token] =
    src.tokenFile !== undefined
      ? [`--token-file "${src.tokenFile}"`, fromFile(src.tokenFile, warn)]
      : src.token !== undefined
        ? ['--token', src.token]
        : src.env !== undefined
          ? ['PORTMATRIX_TOKEN', src.env]
          : [undefined, undefined];
  if (where === undefined || token === undefined) return undefined;
  if (token.length === 0) throw new InputError(`${where}: the token is empty; ${HOW}`);
  const bits = tokenBits(token);
  if (bits < MIN_TOKEN_BITS)
    throw new InputError(
      `${where}: the token is too weak (at most ${bits} bits, at least ${MIN_TOKEN_BITS} needed); ${HOW}`,
    );
  return token;
}
