import { describe, expect, it } from 'vitest';
import { runCli, writeTable } from '../helpers/cli.js';

// A table whose rows share ports, so that --only's port and row-id selections differ.
const TABLE = {
  product: 'Only test',
  source: 'test',
  rows: [
    {
      id: 'web',
      service: 'HTTP',
      application: 'Web',
      ports: [80, 8080],
      protocol: 'tcp',
      inbound: true,
      outbound: false,
    },
    {
      id: 'admin',
      service: 'HTTP',
      application: 'Admin',
      ports: ['8000-8010'],
      protocol: 'tcp',
      inbound: true,
      outbound: false,
    },
    {
      id: 'logs',
      service: 'syslog',
      application: 'Logs',
      ports: [514],
      protocol: 'udp',
      inbound: true,
      outbound: false,
    },
  ],
};

// The ids of the rows `ports --format json` printed.
async function rowIds(args: string[]): Promise<string[]> {
  const r = await runCli(['ports', '--ports', writeTable(TABLE), '--format', 'json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { rows: Array<{ id: string }> }).rows.map((row) => row.id);
}

describe('ports --only: the rows with these table ports, and the rows these ids name (as check --only)', () => {
  it.each([
    [['--only', '8080'], ['web']],
    [['--only', '8005'], ['admin']],
    [
      ['--only', '80,514'],
      ['web', 'logs'],
    ],
    [['--only', '7990-8000'], ['admin']],
    [['--only', 'logs'], ['logs']],
    [
      ['--only', 'logs,8080'],
      ['web', 'logs'],
    ],
    [[], ['web', 'admin', 'logs']],
  ])('%j -> %j', async (args, ids) => {
    expect(await rowIds(args)).toEqual(ids);
  });

  it.each([
    [['--only', '9999'], '--only 9999: no port of the selected rows is in it'],
    [['--only', '80', '--protocol', 'udp'], '--only 80: no port of the selected rows is in it'],
  ])('%j selects no row: exit 2 naming it (as check), never an empty table', async (args, message) => {
    const r = await runCli(['ports', '--ports', writeTable(TABLE), '--format', 'json', ...args]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `portmatrix: ${message}\n`]);
  });

  it('prints each selected row whole (the table as it is, not only the selected ports)', async () => {
    const r = await runCli(['ports', '--ports', writeTable(TABLE), '--format', 'json', '--only', '8080']);
    expect(JSON.parse(r.stdout).rows[0].ports).toEqual([80, 8080]);
  });

  it.each([
    ['nope', '--only nope: "nope" is not a port (1-65535), a range "from-to" or a row id of the table'],
    ['0', '--only 0: "0" is not a port (1-65535), a range "from-to" or a row id of the table'],
  ])('--only %s: exit 2, one line naming it', async (spec, message) => {
    const r = await runCli(['ports', '--ports', writeTable(TABLE), '--only', spec]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const expected = 'expected e.g. 22,443,40050-40070 or a row id (see portmatrix ports)';
    expect(r.stderr).toBe(`portmatrix: ${message}; ${expected}\n`);
  });

  it('the embedded table: --only 1741 prints the four rows of tcp/1741', async () => {
    const r = await runCli(['ports', '--only', '1741', '--format', 'json']);
    const rows = JSON.parse(r.stdout).rows as Array<{ ports: number[] }>;
    expect(rows.map((row) => row.ports)).toEqual([[1741], [1741], [1741], [1741]]);
  });
});
