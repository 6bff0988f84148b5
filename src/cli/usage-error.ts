import { PortmatrixError } from '../errors.js';
import type { OptionError } from '../options/option-error.js';
import { flagOfField } from './option-declarations.js';

/** A command line yargs refused (unknown option, bad choice, missing value): exit 2, before anything runs. */
export class UsageError extends PortmatrixError {
  constructor(message: string) {
    super('E_USAGE', message, { exitCode: 2 });
  }
}

// How a field is named on the command line: its flag, or the positional's placeholder.
function cliName(field: string): string {
  if (field === 'hosts') return 'HOST';
  return flagOfField(field) ?? field;
}

/** An option error worded for the command line: "--timeout abc: expected ..." instead of the field name. */
export function cliMessage(err: OptionError): string {
  return `${cliName(err.field)}${err.value === undefined ? '' : ` ${err.value}`}: ${err.expected}`;
}
