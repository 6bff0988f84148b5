import { choice } from './fields.js';
import { normalizeSelection, type RawOptions, type Selection, type TableContext } from './selection.js';

/** `audit`: which ports, and what the server should look like. */
export interface AuditInput extends Selection {
  expect: 'free' | 'listening';
}

/** `audit` options, checked and with defaults; throws OptionError. */
export function normalizeAudit(raw: RawOptions, table?: TableContext): AuditInput {
  return {
    ...normalizeSelection(raw, table),
    expect: choice('expect', raw.expect, ['free', 'listening'], 'listening'),
  };
}
