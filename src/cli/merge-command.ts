import { COMMON } from './option-declarations.js';
import type { CommandSpec } from './command-spec.js';
import { outputFrom, tableFrom } from './common-options.js';
import { stringList } from '../options/fields.js';
import { emit } from './emit.js';
import { exitCodeOf } from './exit-code.js';
import { runMerge } from '../commands/merge.js';
import { InputError } from '../errors.js';

// yargs drops a bare "-"; merge's positionals carry it under a name no file can have (NUL is in no path).
const STDIN_ARG = '\u0000stdin';

/** Keeps a bare "-" (standard input) through yargs, which would drop it. */
export function protectStdin(arg: string): string {
  return arg === '-' ? STDIN_ARG : arg;
}

/** `portmatrix merge REPORT...`: one matrix from the JSON reports of many hosts. */
export const mergeCommand: CommandSpec = {
  command: 'merge [reports..]',
  describe: 'merge JSON reports of one table (check, listen, audit, matrix; - is standard input) into one matrix',
  positionals: { reports: { type: 'string', array: true, describe: 'JSON report files; later files win' } },
  options: [...COMMON, 'strict'],
  overrides: {
    ports: { describe: 'the port table every report must be of (its digest is compared): refuse others' },
    quiet: { describe: 'accepted for scripts that pass it to every command; merge shows no progress' },
  },
  run: async (args) => {
    const reports = Array.isArray(args.reports) ? args.reports : [];
    const apps = stringList('apps', args.app);
    const files = reports.map((f) => (String(f) === STDIN_ARG ? '-' : String(f)));
    if (files.length === 0) throw new InputError('merge: expected at least one JSON report (or - for standard input)');
    if (files.filter((f) => f === '-').length > 1) throw new InputError('merge: "-" (standard input) can be read once');
    const report = runMerge(files, { table: typeof args.ports === 'string' ? tableFrom(args) : undefined, apps });
    await emit({ kind: 'report', report }, outputFrom(args));
    return exitCodeOf(report, args.strict === true);
  },
};
