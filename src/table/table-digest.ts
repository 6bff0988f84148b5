import type { PortTable } from './types.js';
import { nodeCrypto } from '../util/node-crypto.js';

// JSON with object keys sorted, so that key order in the file does not change the digest.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The table's identity: "sha256:" and the hex SHA-256 of its product, source and rows as canonical JSON
 * (keys sorted, defaults filled in). The file's name and layout do not count; any change to a row does.
 */
export function tableDigest(table: Pick<PortTable, 'product' | 'source' | 'rows'>): string {
  const rows = table.rows.map((r) => ({ ...r, anyOf: r.anyOf ?? false, notes: r.notes ?? [] }));
  const doc = { product: table.product, source: table.source, rows };
  return `sha256:${nodeCrypto().createHash('sha256').update(canonical(doc)).digest('hex')}`;
}
