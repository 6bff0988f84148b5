import { optionNameOf } from './option-declarations.js';

/**
 * yargs' own usage errors, worded as ours: one line naming the flag as typed and what was expected
 * ("--format xml: expected one of table, json, …", "unknown option --ports"). Messages yargs gives that
 * this does not know pass through unchanged.
 */

// yargs' quoted list ("a", "b") as a plain one (a, b).
const unquote = (list: string): string => list.replace(/"([^"]*)"/g, '$1');

// The word on the command line that yargs reports as `name`: the option as typed (--no-color for "color"),
// or undefined when it is no option (a stray word).
function typedOption(name: string, argv: readonly string[]): string | undefined {
  const kebab = optionNameOf(name);
  return argv.find((a) => {
    const m = /^--?(?:no-)?([^=]+)/.exec(a);
    return m !== null && a.startsWith('-') && (m[1] === name || m[1] === kebab);
  });
}

// "Unknown argument(s): a, b" -> unknown option --a / unexpected argument b / unknown command a (yargs names
// an unknown --foo-bar twice, as foo-bar and fooBar: said once).
function unknownArguments(names: string[], argv: readonly string[], commands: readonly string[]): string {
  const parts = names.map((n) => {
    const typed = typedOption(n, argv);
    if (typed) return `unknown option ${typed.split('=')[0]}`;
    if (n === argv[0]) return `unknown command ${n}: expected one of ${commands.join(', ')}`;
    return `unexpected argument ${n}`;
  });
  return [...new Set(parts)].join('; ');
}

/**
 * yargs' message for a usage error, as one line of ours (argv: the command line, to name flags as typed;
 * commands: the command names, for an unknown one).
 */
export function usageMessage(message: string, argv: readonly string[], commands: readonly string[]): string {
  const choice = /^Invalid values:\s*\n\s*Argument: ([^,]+), Given: (.*), Choices: (.*)/.exec(message);
  if (choice) return `--${choice[1]} ${unquote(choice[2]!)}: expected one of ${unquote(choice[3]!)}`;
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (unknown) return unknownArguments(unknown[1]!.split(', '), argv, commands);
  const missingValue = /^Not enough arguments following: (\S+)$/.exec(message);
  if (missingValue) return `--${missingValue[1]}: expected a value`;
  const required = /^Missing required arguments?: (.*)$/.exec(message);
  if (required)
    return `${required[1]!
      .split(', ')
      .map((n) => `--${n}`)
      .join(', ')}: required`;
  return message;
}
