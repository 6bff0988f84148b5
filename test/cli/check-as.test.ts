import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import type { Report } from '../../src/model/report.js';

// Runs check on loopback with a short timeout and returns the JSON report.
async function check(...args: string[]) {
  const r = await runCli(['check', '127.0.0.1', '--timeout', '300', '--quiet', '--format', 'json', ...args]);
  return { ...r, report: r.stdout ? (JSON.parse(r.stdout) as Report) : undefined };
}

describe('check --as ROLE', () => {
  it.each([
    [
      'device',
      '514,69',
      [
        'tftp-common-services',
        'syslog-security-manager',
        'syslog-common-services',
        'syslog-performance-monitor',
        'rcp-common-services',
      ],
    ],
    [
      'client',
      '443,1741',
      [
        'https-common-services',
        'https-security-manager',
        'https-aus',
        'https-performance-monitor',
        'http-1741-common-services',
        'http-1741-security-manager',
        'http-1741-aus',
        'http-1741-performance-monitor',
      ],
    ],
    ['server', '514,443,8088', ['hipo-common-services']],
  ])('--as %s --only %s probes only the inbound rows coming from it', async (role, only, ids) => {
    const r = await check('--as', role, '--only', only);
    expect(r.stderr).toBe('');
    expect(r.report!.rows.map((row) => row.id)).toEqual(ids);
    expect(r.report!.settings.as).toBe(role);
    expect(r.report!.notes ?? []).not.toContainEqual(expect.stringMatching(/whatever role/));
    expect(r.report!.tableNotes).toContainEqual(expect.stringMatching(/^Normally, opening the ports listed in/));
  });

  it('without --as every inbound row is probed, with a note saying so', async () => {
    const r = await check('--only', '514');
    expect(r.report!.rows.map((row) => row.id)).toEqual([
      'syslog-security-manager',
      'syslog-common-services',
      'syslog-performance-monitor',
      'rcp-common-services',
    ]);
    expect(r.report!.notes).toContainEqual(
      expect.stringContaining(
        'every inbound row was probed from this host, whatever role it comes from (client, device, server): ' +
          "--as ROLE checks only that role's rows",
      ),
    );
  });

  it('--as with a port offset checks only the rows it probes (49514 + offset is not in the way)', async () => {
    const r = await check('--as', 'client', '--port-offset', '23000');
    expect(r.stderr).toBe('');
    expect(r.report!.rows.every((row) => row.id.startsWith('http'))).toBe(true);
  });

  it('a role no inbound row comes from: exit 2 before probing', async () => {
    const r = await check('--as', 'aaa');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'portmatrix: --as aaa: no inbound row of the table comes from it; expected one of client, device, server\n',
    );
    expect(r.stdout).toBe('');
  });
});
