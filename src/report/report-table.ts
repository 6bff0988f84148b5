import { InputError } from '../errors.js';
import { readReport } from '../merge/read-report.js';
import { tableDigest } from '../table/table-digest.js';
import type { PortTable } from '../table/types.js';
import type { Report } from '../model/report.js';

/**
 * Reads a JSON report of check or matrix made with this table (settings.tableDigest); `what` names the
 * command. A report of another table, or of audit or listen, is an input error (exit 2).
 */
export function readReportOf(file: string, table: PortTable, what: string): Report {
  const { report } = readReport(file);
  if (report.command !== 'check' && report.command !== 'matrix')
    throw new InputError(
      `${what} ${file}: ${/^[aeiou]/.test(report.command) ? 'an' : 'a'} ${report.command} report ` +
        'has no paths to probe or open; expected a check or matrix report',
    );
  const digest = tableDigest(table);
  if (report.settings.tableDigest !== digest) {
    const made = typeof report.settings.table === 'string' ? ` ("${report.settings.table}")` : '';
    throw new InputError(
      `${what} ${file}: the report was made with another table${made} than ${table.file} ` +
        `(${String(report.settings.tableDigest).slice(0, 19)}…, not ${digest.slice(0, 19)}…); ` +
        'pass that table with --ports',
    );
  }
  return report;
}
