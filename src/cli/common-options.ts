import type { Argv } from 'yargs';
import { widthOption } from './terminal.js';
import { formatNames } from '../report/registry.js';
import { loadTable } from '../table/load-table.js';
import type { PortTable } from '../table/types.js';
import { InputError } from '../errors.js';

/** Options every command takes. */
export interface CommonArgs {
  _?: Array<string | number>;
  ports?: string;
  app?: string[];
  format: string;
  output?: string;
  color?: boolean;
  quiet?: boolean;
  width?: number;
  ascii?: boolean;
  explain?: boolean;
}

/** Adds the options of every command that writes a document: --format, --output, --no-color, --width, --ascii, --explain. */
export function withOutputOptions<T>(y: Argv<T>, kind: 'report' | 'ports' = 'report') {
  return y
    .option('format', {
      type: 'string',
      choices: formatNames(kind),
      default: 'table',
      describe: 'output format',
      requiresArg: true,
    })
    .option('output', {
      type: 'string',
      describe: 'also write the report to FILE (atomically) in --format; the matrix still goes to the terminal',
      requiresArg: true,
    })
    .option('color', {
      type: 'boolean',
      default: true,
      describe: 'colour on a TTY (--no-color or NO_COLOR turn it off)',
    })
    .option('width', {
      type: 'number',
      describe:
        "fit the matrix to N columns (0: no limit; default: the terminal's width, no limit into a pipe or file)",
      requiresArg: true,
      coerce: widthOption,
    })
    .option('ascii', {
      type: 'boolean',
      describe:
        'draw with ASCII only (default: when TERM=dumb or on a legacy Windows console; --no-ascii forces Unicode)',
    })
    .option('explain', {
      alias: 'v',
      type: 'boolean',
      default: false,
      describe: "everything: every row's fix, all of the table's advice, long text wrapped instead of cut",
    });
}

/** Adds the options every command takes; --format choices come from the renderer registry. */
export function withCommonOptions<T>(y: Argv<T>, kind: 'report' | 'ports' = 'report') {
  const table = y
    .option('ports', {
      type: 'string',
      describe: 'port table to use instead of the embedded Table A-1 (same format as ports.json)',
      requiresArg: true,
    })
    .option('app', {
      type: 'string',
      array: true,
      describe:
        'only rows whose application has NAME as whole words (or an alias, e.g. AUS), or whose id is NAME; repeatable',
      requiresArg: true,
    });
  return withOutputOptions(table, kind).option('quiet', {
    type: 'boolean',
    default: false,
    describe: 'no progress line',
  });
}

/** Commands without positionals refuse stray words (e.g. options after a bare "--"). */
export function rejectExtraArgs(args: { _?: Array<string | number>; token?: unknown }): void {
  const extra = (args._ ?? []).slice(1);
  if (extra.length === 0) return;
  // With --token on the line, a stray word may be the rest of an unquoted token: never echo it.
  if (args.token !== undefined)
    throw new InputError(`${extra.length} unexpected argument(s) (not shown: quote a token that has spaces)`);
  throw new InputError(`unexpected argument(s): ${extra.join(' ')}; options go before any bare "--"`);
}

/** Loads --ports, or the embedded table. */
export function tableFrom(args: CommonArgs): PortTable {
  return args.ports !== undefined ? loadTable(args.ports) : loadTable();
}
