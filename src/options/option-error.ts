import { InputError } from '../errors.js';

/**
 * An option value that is wrong: which field (the option's name in the options object, never a CLI flag),
 * the value as given, and what was expected. The CLI and the agent word it for their own users.
 */
export class OptionError extends InputError {
  readonly field: string;
  readonly value: string | undefined;
  readonly expected: string;
  constructor(field: string, value: unknown, expected: string) {
    const shown = value === undefined ? undefined : showValue(value);
    super(`${field}${shown === undefined ? '' : ` ${shown}`}: ${expected}`, { code: 'E_OPTION' });
    this.field = field;
    this.value = shown;
    this.expected = expected;
  }
}

/** A value as the user wrote it: strings bare (quoted when empty or spaced), the rest as JSON. */
function showValue(value: unknown): string {
  if (typeof value === 'string') return value === '' || /\s/.test(value) ? JSON.stringify(value) : value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value) ?? String(value);
}
