import type { ValidateFunction } from 'ajv';
import { validate as generatedValidator } from './ports-schema.generated.js';
import { describeSchemaError, rowLabel, type TableProblem } from './schema-errors.js';
import { isPort, parsePortEntry } from './port-spec.js';
import type { PortRow, TableAdvice } from './types.js';

// docs/ports.schema.json, precompiled by scripts/gen-validator.mjs (no ajv compile at start-up).
const schemaValidator = generatedValidator as unknown as ValidateFunction;

// A role on a direction the row does not have is a transcription slip.
function roleProblem(row: PortRow): { field: string; message: string } | undefined {
  if (row.from !== undefined && !row.inbound)
    return { field: 'from', message: 'only an inbound row has a source role: expected "inbound": true or no "from"' };
  if (row.peer !== undefined && !row.outbound)
    return { field: 'peer', message: 'only an outbound row has a peer role: expected "outbound": true or no "peer"' };
  return undefined;
}

// The rules a JSON Schema cannot say: range ends and order, unique ids, a direction.
function semanticProblem(doc: { rows: PortRow[] }): TableProblem | undefined {
  const ids = new Map<string, number>();
  for (const [index, row] of doc.rows.entries()) {
    const label = rowLabel(doc, index);
    const first = ids.get(row.id);
    if (first !== undefined)
      return { row: label, field: 'id', message: `duplicate id, already used by row #${first + 1}` };
    ids.set(row.id, index);
    for (const [i, entry] of row.ports.entries()) {
      const range = parsePortEntry(entry)!;
      if (!isPort(range.from) || !isPort(range.to)) {
        return { row: label, field: `ports[${i}]`, message: `expected ports 1-65535, got "${entry}"` };
      }
      if (range.from > range.to) {
        return { row: label, field: `ports[${i}]`, message: `range "${entry}" is reversed: expected from <= to` };
      }
    }
    const role = roleProblem(row);
    if (role) return { row: label, ...role };
    if (!row.inbound && !row.outbound) {
      return {
        row: label,
        field: 'inbound',
        message: 'a row must be inbound, outbound or both: expected inbound or outbound to be true',
      };
    }
  }
  return undefined;
}

// Advice notes: unique ids, and rows that name rows of this table.
function adviceProblem(doc: { rows: PortRow[]; advice?: TableAdvice }): TableProblem | undefined {
  const ids = new Set(doc.rows.map((r) => r.id));
  const seen = new Set<string>();
  for (const [i, note] of (doc.advice?.notes ?? []).entries()) {
    if (seen.has(note.id))
      return { field: `advice.notes[${i}].id`, message: `duplicate advice id "${note.id}": expected unique ids` };
    seen.add(note.id);
    const unknown = (note.rows ?? []).find((id) => !ids.has(id));
    if (unknown !== undefined)
      return {
        field: `advice.notes[${i}].rows`,
        message: `no row has the id "${unknown}": expected ids of this table`,
      };
  }
  return undefined;
}

/** Validates a parsed document; returns the first problem, or undefined when the table is sound. */
export function validateTable(doc: unknown): TableProblem | undefined {
  if (!schemaValidator(doc)) return describeSchemaError(doc, schemaValidator.errors ?? []);
  return semanticProblem(doc as { rows: PortRow[] }) ?? adviceProblem(doc as { rows: PortRow[] });
}
