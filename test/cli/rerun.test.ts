import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, writeTable } from '../helpers/cli.js';
import { isolatedLoopback } from '../helpers/sockets.js';
import type { Report } from '../../src/model/report.js';

// A listening TCP server on a free loopback port.
async function listener(): Promise<net.Server> {
  const server = net.createServer((s) => s.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
const portOf = (s: net.Server) => (s.address() as net.AddressInfo).port;
// A port nothing listens on now (bound, then released).
async function freePort(): Promise<number> {
  const s = await listener();
  const port = portOf(s);
  await new Promise((resolve) => s.close(resolve));
  return port;
}

const row = (id: string, port: number) => ({
  id,
  service: id,
  application: 'App',
  ports: [port],
  protocol: 'tcp',
  inbound: true,
  from: 'client',
  outbound: false,
});

const dir = tempDir();
const servers: net.Server[] = [];
let table: string;
let ports: { b: number; c: number };

// Runs check and reads its JSON report (--timeout 500 unless `timeout` says otherwise; [] gives none).
async function check(args: string[], out: string, timeout = ['--timeout', '500']) {
  const file = path.join(dir, out);
  const r = await runCli([
    'check',
    ...args,
    '--ports',
    table,
    ...timeout,
    '--quiet',
    '--format',
    'json',
    '--output',
    file,
  ]);
  return { ...r, report: r.code === 2 ? undefined : (JSON.parse(readFileSync(file, 'utf8')) as Report), file };
}

beforeAll(async () => {
  servers.push(await listener());
  ports = { b: await freePort(), c: await freePort() };
  table = writeTable({
    product: 'Rerun test',
    rows: [row('a', portOf(servers[0]!)), row('b', ports.b), row('c', ports.c)],
  });
});
afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

describe('check --rerun REPORT.json', () => {
  it('probes again only what did not pass, and says what changed', async () => {
    const first = await check(['127.0.0.1'], 'first.json');
    expect(first.code).toBe(1);
    expect(first.report!.rows.map((r) => [r.id, r.verdict])).toEqual([
      ['a', 'pass'],
      ['b', 'fail'],
      ['c', 'fail'],
    ]);

    // The firewall team fixes b: its service now listens.
    const b = net.createServer((s) => s.destroy());
    await new Promise<void>((resolve) => b.listen(ports.b, '127.0.0.1', resolve));
    servers.push(b);

    const second = await check(['--rerun', first.file], 'second.json');
    expect(second.stderr).toBe('');
    expect(second.code).toBe(1);
    expect(second.report!.rows.map((r) => [r.id, r.host, r.verdict])).toEqual([
      ['b', '127.0.0.1', 'pass'],
      ['c', '127.0.0.1', 'fail'],
    ]);
    expect(second.report!.summary.probes).toBe(2);
    expect(second.report!.settings.timeoutMs).toBe(500);
    expect(second.report!.rerun).toEqual({
      report: first.file,
      startedAt: first.report!.startedAt,
      changes: [
        { id: 'b', direction: 'inbound', host: '127.0.0.1', before: 'fail', after: 'pass' },
        { id: 'c', direction: 'inbound', host: '127.0.0.1', before: 'fail', after: 'fail' },
      ],
    });
    expect(second.report!.notes).toEqual(
      expect.arrayContaining([
        `rerun of ${first.file} (${first.report!.startedAt}): 2 row(s) had not passed; 1 pass now, 1 still do not`,
        'now passing: b (inbound, 127.0.0.1) fail -> pass',
        'still not passing: c (inbound, 127.0.0.1) fail -> fail',
      ]),
    );
    expect(second.stdout).toContain('now passing: b (inbound, 127.0.0.1) fail -> pass');
  }, 60000);

  it('notes which options came from the earlier report', async () => {
    const first = await check(['127.0.0.1'], 'noted.json');
    const again = await check(['--rerun', first.file], 'noted-again.json', []);
    expect(again.report!.notes).toContain(
      `options from ${first.file}: --timeout 500 --retries 1 --concurrency 128 --rate-limit-budget 45 ` +
        '--adaptive --port-offset 0',
    );
  }, 60000);

  it('--only with a row id narrows the rerun', async () => {
    const first = await check(['127.0.0.1', '--only', 'b,c'], 'only.json');
    const again = await check(['--rerun', first.file, '--only', 'c'], 'only-again.json');
    expect(again.report!.rows.map((r) => r.id)).toEqual(['c']);
  }, 60000);

  // The earlier run: every carried option set away from its default.
  const EARLIER = [
    '--timeout',
    '400',
    '--retries',
    '0',
    '--concurrency',
    '8',
    '--no-adaptive',
    '--rate-limit-budget',
    '2',
  ];
  const FROM_REPORT = { timeoutMs: 400, retries: 0, concurrency: 8, adaptive: false, rateLimitBudgetMs: 2000 };
  it.each([
    { given: [], settings: {}, note: '' },
    // Given equal to the default still wins: "given" is what the command line says, not a value.
    {
      given: ['--timeout', '2000', '--adaptive'],
      settings: { timeoutMs: 2000, adaptive: true },
      note: '; given on this command line, and used instead: --timeout --adaptive',
    },
    {
      given: ['--retries', '2', '--concurrency', '4', '--rate-limit-budget', '1.5'],
      settings: { retries: 2, concurrency: 4, rateLimitBudgetMs: 1500 },
      note: '; given on this command line, and used instead: --retries --concurrency --rate-limit-budget',
    },
  ])(
    'rerun with $given: the options given win, the others come from the report',
    async ({ given, settings, note }) => {
      const name = `given-${given.length}`;
      const first = await check(['127.0.0.1', ...EARLIER], `${name}.json`, []);
      expect(first.report!.settings).toMatchObject(FROM_REPORT);
      const again = await check(['--rerun', first.file, ...given], `${name}-again.json`, []);
      expect(again.code).toBe(1);
      expect(again.report!.settings).toMatchObject({ ...FROM_REPORT, ...settings });
      const taken = [
        ['timeoutMs', '--timeout 400'],
        ['retries', '--retries 0'],
        ['concurrency', '--concurrency 8'],
        ['rateLimitBudgetMs', '--rate-limit-budget 2'],
        ['adaptive', '--no-adaptive'],
      ].filter(([k]) => !(k! in settings));
      expect(again.report!.notes).toContain(
        `options from ${first.file}: ${[...taken.map(([, t]) => t), '--port-offset 0'].join(' ')}${note}`,
      );
    },
    60000,
  );

  it.each([
    [
      ['--rerun', 'FIRST', '127.0.0.1'],
      /check --rerun: the hosts come from the report; expected no HOST and no --peer/,
    ],
    [['--rerun', path.join('/nonexistent', 'r.json')], /\/nonexistent\/r.json: file not found/],
  ])('bad input %j: exit 2', async (args, message) => {
    const first = path.join(dir, 'first.json');
    const r = await runCli(['check', ...args.map((a) => (a === 'FIRST' ? first : a)), '--ports', table]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('--port-offset from the report is checked against the rows rerun, not the whole table', async () => {
    // +20000 fits the AUS rows (43451 -> 63451) but not syslog's 49514, which this rerun never probes.
    const host = isolatedLoopback();
    const first = path.join(dir, 'aus.json');
    const args = ['--port-offset', '20000', '--timeout', '300', '--quiet'];
    const made = await runCli(['check', host, '--app', 'aus', ...args, '--format', 'json', '--output', first]);
    expect(made.code).toBe(1);
    const r = await runCli(['check', '--rerun', first, '--format', 'json']);
    expect([r.code, r.stderr]).toEqual([1, '']);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.results.map((x) => [x.id, x.probedPort])).toEqual([
      ['https-aus', 20443],
      ['http-1741-aus', 21741],
      ['sybase-aus', 63451],
    ]);
  });

  it('a report of another table: exit 2', async () => {
    const r = await runCli(['check', '--rerun', path.join(dir, 'first.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the report was made with another table ("Rerun test")');
  });
});
