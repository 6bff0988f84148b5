import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { TableError } from '../errors.js';
import { packageData } from '../package-data.js';
import { validateTable } from './validate-table.js';
import type { PortTable } from './types.js';

/** Largest table file accepted; vendor tables are a few kilobytes. */
const MAX_TABLE_BYTES = 4 * 1024 * 1024;

// Reads at most MAX_TABLE_BYTES + 1 bytes (files, pipes and /dev/stdin alike).
function readCapped(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_TABLE_BYTES) break;
    }
    return Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}

// Reads the file as UTF-8 text, refusing directories, huge files and bytes that are not UTF-8.
function readText(file: string): string {
  let bytes: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new TableError(file, 'expected a file, got a directory');
    bytes = readCapped(file);
  } catch (err) {
    if (err instanceof TableError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new TableError(file, code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? 'error'})`, {
      cause: err,
    });
  }
  if (bytes.length > MAX_TABLE_BYTES)
    throw new TableError(
      file,
      `file is larger than ${MAX_TABLE_BYTES} bytes: expected a port table of a few kilobytes`,
    );
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

/** How the embedded table is named in messages and in `PortTable.file`. */
const EMBEDDED_TABLE = 'ports.json (embedded)';

/** Validates a parsed table document (a file's, or one an agent request carries) named `file` in messages. */
export function tableFromDocument(file: string, doc: unknown): PortTable {
  let problem: ReturnType<typeof validateTable>;
  try {
    problem = validateTable(doc);
  } catch (err) {
    // A document nested deeper than the validator's stack (no real table is).
    throw new TableError(file, 'expected a port table: the document is nested too deeply to be one', { cause: err });
  }
  if (problem) throw new TableError(file, problem.message, { row: problem.row, field: problem.field });
  const table = doc as Omit<PortTable, 'file'>;
  return {
    file,
    product: table.product,
    source: table.source,
    notes: table.notes ?? [],
    aliases: table.aliases ?? [],
    rows: table.rows.map((row) => ({ ...row, anyOf: row.anyOf ?? false, notes: row.notes ?? [] })),
    ...(table.advice ? { advice: table.advice } : {}),
  };
}

/** Loads and validates a port table; the embedded Table A-1 (inside the package) when no file is given. */
export function loadTable(path?: string): PortTable {
  const file = path ?? EMBEDDED_TABLE;
  return tableFromDocument(file, parseJson(file, path === undefined ? packageData('ports.json') : readText(path)));
}
