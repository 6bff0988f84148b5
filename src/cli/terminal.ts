import { currentPlatform } from '../platform/index.js';
import type { Platform } from '../platform/types.js';
import type { RenderContext } from '../report/renderer.js';
import { wholeNumber } from '../options/fields.js';
import { OptionError } from '../options/option-error.js';

/** The options that shape the matrix on a terminal. */
export interface TerminalArgs {
  color?: boolean;
  width?: number;
  ascii?: boolean;
  explain?: boolean;
}

/** Narrowest terminal the matrix is laid out for; a narrower one wraps. */
const MIN_WIDTH = 80;

/** True when colour is wanted on stdout: a TTY, no NO_COLOR, no --no-color. */
function wantColor(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  return flag !== false && Boolean(stream.isTTY) && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
}

/** Checks --width: 0 (no limit) or 40 to 10000 columns (declared as the option's coerce: refused before any work). */
export function widthOption(value: unknown): number {
  const n = wholeNumber('width', value);
  if (n !== 0 && n < 40) throw new OptionError('width', n, 'expected 0 (no limit) or a width from 40 to 10000');
  return n;
}

/** --width N (0: no limit), else the terminal's columns (at least 80); a pipe or a file gets the full width. */
export function terminalWidth(
  flag: number | undefined,
  stream: NodeJS.WriteStream = process.stdout,
): number | undefined {
  if (flag !== undefined) {
    const n = widthOption(flag);
    return n === 0 ? undefined : n;
  }
  return stream.isTTY ? Math.max(MIN_WIDTH, stream.columns || MIN_WIDTH) : undefined;
}

/** How the matrix is drawn: colour, width, ASCII (--ascii, or a terminal that cannot draw), short or --explain. */
export function terminalContext(
  args: TerminalArgs,
  stream: NodeJS.WriteStream = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
  platform: Platform = currentPlatform(),
): RenderContext {
  return {
    color: wantColor(args.color, stream),
    width: terminalWidth(args.width, stream),
    // A file or a pipe gets UTF-8 whatever the console: only a terminal that cannot draw turns ASCII on.
    ascii: args.ascii ?? (Boolean(stream.isTTY) && !platform.drawsUnicode(env)),
    explain: args.explain ?? false,
  };
}
