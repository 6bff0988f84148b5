import { choice, optionalText } from './fields.js';
import { OptionError } from './option-error.js';
import { ipVersion } from '../util/address.js';
import { normalizeSelection, type RawOptions, type Selection, type TableContext } from './selection.js';

/** `audit`: which ports, and what the server should look like. */
export interface AuditInput extends Selection {
  expect: 'free' | 'listening';
  /** The address clients reach this server at: a port listening only on other addresses fails. */
  address?: string;
}

// --address: an IP address (of this server, the one clients use).
function clientAddress(raw: unknown): string | undefined {
  const address = optionalText('address', raw);
  if (address !== undefined && ipVersion(address) === 0)
    throw new OptionError('address', address, 'expected the IP address clients reach this server at');
  return address;
}

/** `audit` options, checked and with defaults; throws OptionError. */
export function normalizeAudit(raw: RawOptions, table?: TableContext): AuditInput {
  const address = clientAddress(raw.address);
  return {
    ...normalizeSelection(raw, table),
    expect: choice('expect', raw.expect, ['free', 'listening'], 'listening'),
    ...(address !== undefined ? { address } : {}),
  };
}
