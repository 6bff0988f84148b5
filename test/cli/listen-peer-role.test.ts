import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import type { Report } from '../../src/model/report.js';

// listen for one second on loopback at a random offset; the report's rows say what it stood in for.
async function listen(...args: string[]) {
  const offset = String(10000 + Math.floor(Math.random() * 5000));
  const r = await runCli([
    'listen',
    '--bind',
    '127.0.0.1',
    '--duration',
    '1',
    '--port-offset',
    offset,
    '--format',
    'json',
    ...args,
  ]);
  return { ...r, report: r.code === 2 ? undefined : (JSON.parse(r.stdout) as Report) };
}

describe('listen --peer-role ROLE', () => {
  it.each([
    ['outbound', 'aaa', ['tacacs-common-services', 'aaa-security-manager', 'acs-http-security-manager']],
    ['outbound', 'mars', ['https-security-manager']],
    [
      'inbound',
      'device',
      [
        'tftp-common-services',
        'snmp-traps-performance-monitor',
        'syslog-security-manager',
        'syslog-common-services',
        'syslog-performance-monitor',
        'rcp-common-services',
      ],
    ],
  ])("--direction %s --peer-role %s binds only that role's rows", async (direction, role, ids) => {
    const r = await listen('--direction', direction, '--peer-role', role);
    expect(r.report!.rows.map((row) => row.id)).toEqual(ids);
    expect(r.report!.rows.every((row) => row.direction === direction)).toBe(true);
  });

  it('--direction both keeps only the directions whose far end is the role', async () => {
    const r = await listen('--direction', 'both', '--peer-role', 'client', '--only', 'https-security-manager');
    expect(r.report!.rows.map((row) => `${row.id} ${row.direction}`)).toEqual(['https-security-manager inbound']);
  });

  it('a role no selected row has: exit 2 before anything binds', async () => {
    const r = await listen('--direction', 'outbound', '--peer-role', 'client');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'portmatrix: --peer-role client: no outbound row of the table has this role; ' +
        'expected one of aaa, device, mail, mars, server, tms, trap-receiver\n',
    );
    expect(r.stdout).toBe('');
  });
});
