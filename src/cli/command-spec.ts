import type { Argv, PositionalOptions } from 'yargs';
import {
  OPTIONS,
  argvKey,
  fieldOf,
  isRepeatable,
  type OptionDeclaration,
  type OptionName,
  type OptionOverrides,
} from './option-declarations.js';
import { formatNames } from '../report/registry.js';
import { InputError } from '../errors.js';

/** Parsed argv as yargs gives it to a handler. */
export type ParsedArgs = Readonly<Record<string, unknown>> & { _?: ReadonlyArray<string | number> };

/** One CLI command: its options by name (declared once in OPTIONS), and how it runs; resolves to the exit code. */
export interface CommandSpec {
  /** yargs command string, e.g. "check [hosts..]". */
  command: string;
  describe: string;
  options: readonly OptionName[];
  overrides?: OptionOverrides;
  /** Positional arguments; an array positional collects its words. */
  positionals?: Readonly<Record<string, PositionalOptions>>;
  /** Which documents --format renders: a report (default) or the port table. */
  renders?: 'report' | 'ports';
  /** Text after the options in --help. */
  epilogue?: string;
  run(args: ParsedArgs): number | Promise<number>;
}

/** Declares a command's positionals and options on yargs. */
export function declareOptions(y: Argv, spec: CommandSpec): Argv {
  for (const [name, p] of Object.entries(spec.positionals ?? {})) y = y.positional(name, p);
  for (const name of spec.options) {
    const { field: _field, ...declaration } = OPTIONS[name] as OptionDeclaration;
    const override = spec.overrides?.[name] ?? {};
    const formats = name === 'format' && !override.choices ? { choices: formatNames(spec.renders ?? 'report') } : {};
    y = y.option(name, { ...declaration, ...formats, ...override });
  }
  return spec.epilogue ? y.epilogue(spec.epilogue) : y;
}

/**
 * A repeated single-valued option takes its last value (--output a --output b); the positionals and
 * options the command declares repeatable keep every value. Derived from the declarations.
 */
export function lastValueWins(args: Record<string, unknown>, spec: CommandSpec): void {
  const collecting = new Set(['_', '--', '$0']);
  for (const [name, p] of Object.entries(spec.positionals ?? {})) if (p.array) collecting.add(name);
  for (const name of spec.options)
    if (isRepeatable(name, spec.overrides?.[name])) collecting.add(argvKey(name)).add(name);
  for (const [key, value] of Object.entries(args))
    if (Array.isArray(value) && !collecting.has(key)) args[key] = value[value.length - 1];
}

/** The plain options object of a command (field names, not flags), for its normalizer. */
export function rawOptions(args: ParsedArgs, spec: CommandSpec): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const name of Object.keys(spec.positionals ?? {})) raw[name] = args[name];
  for (const name of spec.options) raw[fieldOf(name)] = args[argvKey(name)];
  return raw;
}

/**
 * The fields of `raw` (rawOptions) that the command line gave. Number options and --adaptive carry no yargs
 * default (their normalizers apply it), so theirs are undefined unless typed; options with a yargs default
 * always count as given.
 */
export function givenFields(raw: Readonly<Record<string, unknown>>): Set<string> {
  return new Set(Object.keys(raw).filter((k) => raw[k] !== undefined));
}

/** Commands without positionals refuse stray words (e.g. options after a bare "--"). */
export function rejectExtraArgs(args: ParsedArgs): void {
  const extra = (args._ ?? []).slice(1);
  if (extra.length === 0) return;
  // With --token on the line, a stray word may be the rest of an unquoted token: never echo it.
  if (args.token !== undefined)
    throw new InputError(`${extra.length} unexpected argument(s) (not shown: quote a token that has spaces)`);
  throw new InputError(`unexpected argument(s): ${extra.join(' ')}; options go before any bare "--"`);
}
