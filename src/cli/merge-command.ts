import type { Argv } from 'yargs';
import { withOutputOptions, type CommonArgs } from './common-options.js';
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

interface MergeArgs extends CommonArgs {
  reports?: string[];
  strict: boolean;
}

/** `portmatrix merge REPORT...`: one matrix from the JSON reports of many hosts. */
export const mergeCommand = {
  command: 'merge [reports..]',
  describe: 'merge JSON reports of one table (check, listen, audit, matrix; - is standard input) into one matrix',
  builder: (y: Argv) =>
    withOutputOptions(y)
      .positional('reports', { type: 'string', array: true, describe: 'JSON report files; later files win' })
      .option('strict', { type: 'boolean', default: false, describe: 'unknown (open|filtered) fails the exit code' }),
  handler: (args: MergeArgs) => {
    const files = (args.reports ?? []).map((f) => (String(f) === STDIN_ARG ? '-' : String(f)));
    if (files.length === 0) throw new InputError('merge: expected at least one JSON report (or - for standard input)');
    if (files.filter((f) => f === '-').length > 1) throw new InputError('merge: "-" (standard input) can be read once');
    const report = runMerge(files);
    emit({ kind: 'report', report }, args);
    return exitCodeOf(report, args.strict);
  },
};
