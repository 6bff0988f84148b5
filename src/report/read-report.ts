import { readFileSync, statSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { InputError } from '../errors.js';
import { packageFile } from '../paths.js';
import { expandPorts } from '../table/port-spec.js';
import type { PortTable } from '../table/types.js';
import type { Report } from './types.js';

/** Largest report read back; a 100,000-probe report is about 40 MB. */
const MAX_REPORT_BYTES = 256 * 1024 * 1024;

let compiled: ValidateFunction | undefined;

// Compiles docs/report.schema.json once (formats are not checked: a report is ours or it is not).
function reportValidator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(packageFile('docs', 'report.schema.json'), 'utf8')) as object;
    compiled = new Ajv({ allErrors: false, strict: false, validateFormats: false }).compile(schema);
  }
  return compiled;
}

// Reads the file as JSON, refusing directories, huge files and syntax errors.
function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new InputError(`${what} ${file}: expected a file, got a directory`);
    if (statSync(file).size > MAX_REPORT_BYTES)
      throw new InputError(`${what} ${file}: larger than ${MAX_REPORT_BYTES} bytes; expected a portmatrix JSON report`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${what} ${file}: ${code === 'ENOENT' ? 'file not found' : `cannot read (${code})`}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(
      `${what} ${file}: expected a portmatrix JSON report (--format json): ${(err as Error).message}`,
    );
  }
}

/** Reads a JSON report and checks it against docs/report.schema.json; `what` names the option. */
export function readReport(file: string, what: string): Report {
  const doc = readJson(file, what);
  const validate = reportValidator();
  if (!validate(doc)) {
    const e = validate.errors?.[0];
    throw new InputError(
      `${what} ${file}: not a portmatrix JSON report: at ${e?.instancePath || '/'} ${e?.message ?? 'invalid'}`,
    );
  }
  return doc as Report;
}

/** Refuses a report made with another table: every result must be a row, protocol and port of this one. */
export function checkReportTable(report: Report, table: PortTable, file: string, what: string): void {
  const made = report.settings.table;
  const other = `${what} ${file}: the report was made with another table than ${table.file}`;
  if (typeof made === 'string' && made !== table.product)
    throw new InputError(`${other} ("${made}", not "${table.product}"); pass that table with --ports`);
  const rows = new Map(table.rows.map((r) => [r.id, r]));
  for (const [i, r] of report.results.entries()) {
    const row = rows.get(r.id);
    const where = `result #${i + 1} (row "${r.id}", ${r.protocol}/${r.port})`;
    if (!row) throw new InputError(`${other}: ${where} is not a row of it; pass that table with --ports`);
    if (row.protocol !== r.protocol || !expandPorts(row.ports).includes(r.port))
      throw new InputError(`${other}: ${where} does not match the row's ${row.protocol} ports; pass it with --ports`);
  }
}
