import { readFileSync, statSync } from 'node:fs';
import { TableError } from '../errors.js';
import { EMBEDDED_TABLE } from '../paths.js';
import { validateTable } from './validate-table.js';
import type { PortTable, PortRow } from './types.js';

/** Largest table file accepted; vendor tables are a few kilobytes. */
export const MAX_TABLE_BYTES = 4 * 1024 * 1024;

// Reads the file as UTF-8 text, refusing huge or binary files.
function readText(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new TableError(file, 'expected a file, got a directory or device');
    size = st.size;
  } catch (err) {
    if (err instanceof TableError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new TableError(file, code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? 'error'})`, { cause: err });
  }
  if (size > MAX_TABLE_BYTES) throw new TableError(file, `file is ${size} bytes: expected a table of at most ${MAX_TABLE_BYTES} bytes`);
  const bytes = readFileSync(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    throw new TableError(file, 'expected UTF-8 text, got bytes that are not UTF-8', { cause: err });
  }
}

// Parses JSON, reporting the position of a syntax error.
function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const detail = err instanceof SyntaxError ? err.message : 'nesting too deep';
    throw new TableError(file, `expected a JSON document: ${detail}`, { cause: err });
  }
}

/** Loads and validates a port table; the embedded Table A-1 when no file is given. */
export function loadTable(file: string = EMBEDDED_TABLE): PortTable {
  const doc = parseJson(file, readText(file));
  const problem = validateTable(doc);
  if (problem) throw new TableError(file, problem.message, { row: problem.row, field: problem.field });
  const table = doc as { product: string; source?: string; rows: PortRow[] };
  return {
    file,
    product: table.product,
    source: table.source,
    rows: table.rows.map((row) => ({ ...row, anyOf: row.anyOf ?? false, notes: row.notes ?? [] })),
  };
}
