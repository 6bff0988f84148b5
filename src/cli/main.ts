import yargs, { type Argv } from 'yargs';
import { PortmatrixError } from '../errors.js';
import { commandsFor } from './command-list.js';
import { TOOL } from '../version.js';

type Handler = (args: never) => number | Promise<number>;

/** Prints an error the way a user should read it: one line, no stack trace; returns the exit code. */
export function reportError(err: unknown): number {
  if (err instanceof PortmatrixError) {
    process.stderr.write(`portmatrix: ${err.message}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`portmatrix: unexpected error: ${message}\n`);
  if (process.env.PORTMATRIX_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return 2;
}

const COLLECTING = new Set(['_', '--', 'hosts', 'reports', 'app', 'peer', 'allow', 'client', 'pin', 'targets', '$0']);

// Collapses a repeated single-valued option (--output a --output b) to its last value.
function lastValueWins(argv: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(argv)) {
    if (Array.isArray(value) && !COLLECTING.has(key)) argv[key] = value[value.length - 1];
  }
}

// yargs lays out the whole help text before every command it runs, in case an async handler fails later and
// needs it; ours never do (main() reports their errors), and the layout was a seventh of a short run's time.
function skipHelpCache(cli: Argv): void {
  const internals = (cli as unknown as { getInternalMethods?: () => { getUsageInstance(): Record<string, unknown> } })
    .getInternalMethods;
  const usage = internals?.call(cli).getUsageInstance();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

// With --token on the line, a stray word may be the rest of an unquoted token: yargs' message never echoes it.
function hideStrayWords(message: string, argv: readonly string[]): string {
  if (!argv.some((a) => a === '--token' || a.startsWith('--token='))) return message;
  if (!/^Unknown arguments?:/.test(message)) return message;
  return 'unexpected argument(s) (not shown: quote a token that has spaces)';
}

/** Runs the CLI on an argument vector; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  // Stack traces are never shown to users; socket errors by the thousand need not build them.
  if (!process.env.PORTMATRIX_DEBUG) Error.stackTraceLimit = 0;
  let code = 0;
  let usageError: string | undefined;
  const commands = await commandsFor(argv);
  const protect = argv[0] === 'merge' ? (await import('./merge-command.js')).protectStdin : (a: string) => a;
  const cli = yargs(argv.map(protect))
    .scriptName('portmatrix')
    // A repeated single-valued option takes its last value; HOST..., --app, --peer and --allow collect.
    .middleware(lastValueWins, true)
    // main() returns the exit code; it never ends the process itself (--help, --version included).
    .exitProcess(false)
    .version(TOOL.version)
    .strict()
    .demandCommand(1, 'expected a command: ports, check, listen, audit, agent, matrix, serve, merge, rules, token')
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      // Our own errors (bad table, bad option value) go on to reportError; yargs' own are usage errors.
      if (err && err.name !== 'YError') throw err;
      usageError ??= msg || err?.message || 'invalid usage';
    })

    .epilogue('Exit codes: 0 every row passes; 1 a row fails; 2 bad input or usage; 130 interrupted.');
  skipHelpCache(cli);
  // The handler only records what to run; it runs once parsing is over. A synchronous handler also
  // spares yargs from laying out the whole help text on every run (it does that for async handlers).
  let command: (() => number | Promise<number>) | undefined;
  for (const c of commands) {
    cli.command({
      ...c,
      handler: (args: unknown) => {
        command = () => (c.handler as Handler)(args as never);
      },
    } as never);
  }
  try {
    await cli.parseAsync();
    // yargs still calls the handler after a usage error (an unknown option): nothing runs then.
    if (usageError === undefined && command) code = await command();
  } catch (err) {
    return reportError(err);
  }
  if (usageError !== undefined) {
    process.stderr.write(
      `portmatrix: ${hideStrayWords(usageError, argv)}\nRun "portmatrix --help" or "portmatrix COMMAND --help" for usage.\n`,
    );
    return 2;
  }
  return code;
}
