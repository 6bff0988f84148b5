import yargs, { type Argv } from 'yargs';
import { PortmatrixError } from '../errors.js';
import { OptionError } from '../options/option-error.js';
import { COMMAND_LOADERS, commandsFor } from './commands.js';
import { declareOptions, lastValueWins } from './command-spec.js';
import { UsageError, cliMessage } from './usage-error.js';
import { TOOL } from '../version.js';
import { usageMessage } from './yargs-messages.js';

// Where to read the usage: the command's own --help when the line names one.
function helpHint(command: string | undefined): string {
  if (command !== undefined && Object.hasOwn(COMMAND_LOADERS, command))
    return `Run "portmatrix ${command} --help" for its options.`;
  return 'Run "portmatrix --help" or "portmatrix COMMAND --help" for usage.';
}

/** Prints an error the way a user should read it: one line, no stack trace; returns the exit code. */
export function reportError(err: unknown, command?: string): number {
  if (err instanceof UsageError) {
    process.stderr.write(`portmatrix: ${err.message}\n${helpHint(command)}\n`);
    return err.exitCode;
  }
  if (err instanceof PortmatrixError) {
    process.stderr.write(`portmatrix: ${err instanceof OptionError ? cliMessage(err) : err.message}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`portmatrix: unexpected error: ${message}\n`);
  if (process.env.PORTMATRIX_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return 2;
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
  if (!/(^|; )unexpected argument /.test(message)) return message;
  return 'unexpected argument(s) (not shown: quote a token that has spaces)';
}

/** Runs the CLI on an argument vector; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  // Stack traces are never shown to users; socket errors by the thousand need not build them.
  if (!process.env.PORTMATRIX_DEBUG) Error.stackTraceLimit = 0;
  const commands = await commandsFor(argv);
  const protect = argv[0] === 'merge' ? (await import('./merge-command.js')).protectStdin : (a: string) => a;
  const cli = yargs(argv.map(protect))
    .scriptName('portmatrix')
    // main() returns the exit code; it never ends the process itself (--help, --version included).
    .exitProcess(false)
    .version(TOOL.version)
    .strict()
    .demandCommand(1, `expected a command: ${Object.keys(COMMAND_LOADERS).join(', ')}`)
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      // Our own errors (bad table, bad option value) go on to reportError as they are.
      if (err && err.name !== 'YError') throw err;
      // yargs' own are usage errors: thrown, so that nothing runs after them.
      throw new UsageError(
        hideStrayWords(usageMessage(msg || err?.message || 'invalid usage', argv, Object.keys(COMMAND_LOADERS)), argv),
      );
    })
    .epilogue('Exit codes: 0 every row passes; 1 a row fails; 2 bad input or usage; 130 interrupted.');
  skipHelpCache(cli);
  // The handler only records what to run; it runs once parsing (and validation) is over. A synchronous
  // handler also spares yargs from laying out the whole help text on every run.
  let command: (() => number | Promise<number>) | undefined;
  for (const spec of commands) {
    cli.command({
      command: spec.command,
      describe: spec.describe,
      builder: (y) => declareOptions(y, spec),
      handler: (args) => {
        command = () => {
          lastValueWins(args, spec);
          return spec.run(args as never);
        };
      },
    });
  }
  try {
    await cli.parseAsync();
    return command ? await command() : 0;
  } catch (err) {
    return reportError(err, argv[0]);
  }
}
