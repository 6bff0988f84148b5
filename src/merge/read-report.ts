import { readFileSync, statSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { InputError } from '../errors.js';
import { packageData } from '../package-data.js';
import { kindOf } from '../table/schema-errors.js';
import { firstJsonError, lineColumn } from './json-syntax.js';
import type { Report } from '../model/report.js';

/** A report as read for merging: where it came from, and the document. */
export interface SourceReport {
  file: string;
  report: Report;
}

/** Largest report accepted (a 100,000-probe check is about 40 MB). */
const MAX_REPORT_BYTES = 512 * 1024 * 1024;

let compiled: ValidateFunction | undefined;

// Compiles docs/report.schema.json once (date-time formats are not checked here; ajv ignores them).
function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(packageData('docs/report.schema.json')) as object;
    compiled = new Ajv({ allErrors: false, strict: false, validateFormats: false }).compile(schema);
  }
  return compiled;
}

// The file's bytes: standard input for "-", refusing directories and oversized files.
function readBytes(file: string): Buffer {
  try {
    if (file !== '-') {
      const st = statSync(file);
      if (st.isDirectory()) throw new InputError(`${file}: expected a JSON report, got a directory`);
      if (st.size > MAX_REPORT_BYTES)
        throw new InputError(`${file}: larger than ${MAX_REPORT_BYTES} bytes: expected a portmatrix JSON report`);
    }
    return readFileSync(file === '-' ? 0 : file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: ${code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? 'error'})`}`, {
      cause: err,
    });
  }
}

// Decodes UTF-8 (a byte-order mark is dropped: PowerShell writes one).
function decode(file: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    throw new InputError(`${file}: expected UTF-8 text, got bytes that are not UTF-8`, { cause: err });
  }
}

// Parses the text; a syntax error names the line and column, and says when the file ends too early.
function parse(file: string, text: string): unknown {
  if (text.trim() === '') throw new InputError(`${file}: the file is empty: expected a portmatrix JSON report`);
  const problem = firstJsonError(text);
  if (!problem) return JSON.parse(text);
  const { line, column } = lineColumn(text, problem.offset);
  const truncated = problem.offset >= text.length ? 'the file ends too early (truncated?): ' : '';
  throw new InputError(
    `${file}: line ${line}, column ${column}: not valid JSON: ${truncated}expected ${problem.expected}`,
  );
}

// "/results/3/verdict" with what the schema wanted there.
function schemaProblem(doc: unknown, err: ErrorObject): string {
  const where = err.instancePath || 'the top level';
  let value: unknown = doc;
  for (const part of err.instancePath.split('/').slice(1)) value = (value as Record<string, unknown>)?.[part];
  const allowed = (err.params as { allowedValues?: unknown[] }).allowedValues;
  const wanted = allowed ? `expected one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` : err.message;
  return `${where}: ${wanted}, got ${kindOf(value)}`;
}

/** Reads one portmatrix JSON report, checked against docs/report.schema.json and carrying a table digest. */
export function readReport(file: string): SourceReport {
  const doc = parse(file, decode(file, readBytes(file)).replace(/^\uFEFF/, ''));
  const validate = schemaValidator();
  if (!validate(doc))
    throw new InputError(`${file}: not a portmatrix report: ${schemaProblem(doc, validate.errors![0]!)}`);
  const report = doc as Report;
  if (typeof report.settings.tableDigest !== 'string')
    throw new InputError(
      `${file}: settings.tableDigest is missing: ` +
        'the report was made by a portmatrix without table digests; run it again',
    );
  return { file, report };
}
