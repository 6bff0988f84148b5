import type { CommandSpec } from './command-spec.js';

/**
 * Every command of the CLI, in the order --help lists them: the one place a command is registered.
 * Each is loaded only when asked for: a run loads the one command it names (and what that command uses),
 * so `ports` never loads TLS, HTTP or the probes. Help and unknown commands load them all.
 */
export const COMMAND_LOADERS: Readonly<Record<string, () => Promise<CommandSpec>>> = {
  ports: async () => (await import('./ports-command.js')).portsCommand,
  check: async () => (await import('./check-command.js')).checkCommand,
  listen: async () => (await import('./listen-command.js')).listenCommand,
  audit: async () => (await import('./audit-command.js')).auditCommand,
  agent: async () => (await import('./agent-command.js')).agentCommand,
  matrix: async () => (await import('./matrix-command.js')).matrixCommand,
  serve: async () => (await import('./serve-command.js')).serveCommand,
  merge: async () => (await import('./merge-command.js')).mergeCommand,
  rules: async () => (await import('./rules-command.js')).rulesCommand,
  token: async () => (await import('./token-command.js')).tokenCommand,
};

/** The commands a run needs: the one argv starts with, or every one (help, a typo, no command). */
export async function commandsFor(argv: readonly string[]): Promise<CommandSpec[]> {
  const first = argv[0];
  const names = first !== undefined && Object.hasOwn(COMMAND_LOADERS, first) ? [first] : Object.keys(COMMAND_LOADERS);
  return Promise.all(names.map((n) => COMMAND_LOADERS[n]!()));
}
