import type { ErrorObject } from 'ajv';

/** Where in the table an error sits, and what was expected there. */
export interface TableProblem {
  row?: string;
  field?: string;
  message: string;
}

// "/rows/3/ports/0" -> ["rows", "3", "ports", "0"]
function segments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

// Describes a JSON value's kind the way a user reads it.
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `${value}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

// Reads the value at a JSON pointer.
function valueAt(doc: unknown, parts: string[]): unknown {
  let cur: unknown = doc;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

// Names a row by its id when it has a usable one, else by its position.
export function rowLabel(doc: unknown, index: number): string {
  const row = valueAt(doc, ['rows', String(index)]);
  const id = row && typeof row === 'object' ? (row as Record<string, unknown>).id : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= 80 ? `"${id}" (#${index + 1})` : `#${index + 1}`;
}

// Joins the path below a row as a field name: ["ports","0"] -> "ports[0]".
function fieldName(parts: string[]): string {
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

// What the schema expected, in words, for one ajv error.
function expectation(err: ErrorObject, value: unknown, field: string): string {
  const got = `got ${kindOf(value)}`;
  if (/^ports\[\d+\]$/.test(field)) return `expected a port number 1-65535 or a range "from-to", ${got}`;
  switch (err.keyword) {
    case 'additionalProperties':
      return 'unknown field (not part of the table format)';
    case 'required':
      return 'is required but missing';
    case 'type':
      return `expected ${String(err.params.type)}, ${got}`;
    case 'enum': {
      const allowed = (err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v));
      return `expected one of ${allowed.join(', ')}, ${got}`;
    }
    case 'minItems':
      return field === 'ports'
        ? 'expected at least one port, got an empty list'
        : `expected at least ${String(err.params.limit)} item(s)`;
    case 'minLength':
      return 'expected a non-empty string';
    case 'pattern':
      return field === 'id' || field === 'peer' || field === 'from'
        ? `expected lower-case letters, digits and "-" (e.g. "https-security-manager"), ${got}`
        : `expected text matching ${String(err.params.pattern)}, ${got}`;
    default:
      return `${err.message ?? 'is invalid'}, ${got}`;
  }
}

/** Turns the first meaningful ajv error into a problem naming the row and field. */
export function describeSchemaError(doc: unknown, errors: ErrorObject[]): TableProblem {
  // Prefer errors on concrete values over the umbrella "anyOf" error.
  const err = errors.find((e) => e.keyword !== 'anyOf') ?? errors[0]!;
  const parts = segments(err.instancePath);
  if (err.keyword === 'additionalProperties') parts.push(String(err.params.additionalProperty));
  if (err.keyword === 'required') parts.push(String(err.params.missingProperty));
  const value = valueAt(doc, parts);
  if (parts[0] === 'rows' && parts.length >= 2 && /^\d+$/.test(parts[1]!)) {
    const field = fieldName(parts.slice(2));
    return { row: rowLabel(doc, Number(parts[1])), field: field || undefined, message: expectation(err, value, field) };
  }
  const field = fieldName(parts);
  return {
    field: field || undefined,
    message: field
      ? expectation(err, value, field)
      : `expected a table object with "product" and "rows", got ${kindOf(doc)}`,
  };
}
