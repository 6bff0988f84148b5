import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/** The SNMP probe's community when none is given. */
const DEFAULT_SNMP_COMMUNITY = 'public';

// The first line of a file, without its line ending.
function firstLine(file: string): string {
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      `--snmp-community-file ${file}: ${code === 'ENOENT' ? 'file not found' : `cannot read (${code})`}`,
    );
  }
}

/**
 * The community for the SNMP probe: --snmp-community-file (first line), --snmp-community, or
 * PORTMATRIX_SNMP_COMMUNITY, else "public". Prefer the file or the variable: argv is visible to every local user.
 */
export function snmpCommunityFrom(flag: string | undefined, file: string | undefined): string {
  if (flag !== undefined && file !== undefined)
    throw new InputError('--snmp-community and --snmp-community-file: expected one of them, not both');
  const [value, where] =
    file !== undefined
      ? [firstLine(file), `--snmp-community-file ${file}`]
      : flag !== undefined
        ? [flag, '--snmp-community']
        : [process.env.PORTMATRIX_SNMP_COMMUNITY, 'PORTMATRIX_SNMP_COMMUNITY'];
  if (value === undefined) return DEFAULT_SNMP_COMMUNITY;
  const bytes = Buffer.byteLength(value);
  if (bytes === 0 || bytes > 255)
    throw new InputError(`${where}: expected a community of 1 to 255 bytes, got ${bytes}`);
  return value;
}
