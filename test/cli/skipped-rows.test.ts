import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import type { Report } from '../../src/model/report.js';

const validate = new Ajv({ strict: false }).compile(
  JSON.parse(readFileSync(path.join(ROOT, 'docs', 'report.schema.json'), 'utf8')) as object,
);

// The embedded table's outbound rows to the aaa role: 8 TCP ports in 3 rows; the other 22 outbound rows have no host.
const AAA_PORTS = [49, 1645, 1646, 1812, 389, 636, 88, 2002];
const SKIPPED = 22;
// Outbound-only ports of the device, mail and aaa roles, and an inbound one.
const HOST_PORTS = [22, 25, 49, 443];

// Connections accepted, by "host:port" of the listener.
const accepted = new Map<string, number>();

// A TCP listener on HOST:PORT that counts what it accepts, or undefined when that port is taken.
function listenAt(port: number, host: string): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer((s) => {
      accepted.set(`${host}:${port}`, (accepted.get(`${host}:${port}`) ?? 0) + 1);
      s.on('error', () => undefined).destroy();
    });
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => resolve(server));
  });
}

describe('skipped rows are results: counted, listed in every format, and failing --strict', () => {
  let servers: net.Server[] = [];
  let offset = 0;
  const run = (...extra: string[]) =>
    runCli(['check', '--direction', 'outbound', '--peer', 'aaa=127.0.0.2', '--port-offset', String(offset), ...extra]);

  beforeAll(async () => {
    // Every aaa port answers on 127.0.0.2 at a free offset, so the only thing not passing is what was skipped.
    // The HOST under test (127.0.0.1) also listens on the outbound ports: a probe sent there would be seen.
    const wanted = [
      ...AAA_PORTS.map((p) => [p, '127.0.0.2'] as const),
      ...HOST_PORTS.map((p) => [p, '127.0.0.1'] as const),
    ];
    for (;;) {
      offset = 3000 + Math.floor(Math.random() * 18000); // the table's outbound ports go up to 44353
      const got = await Promise.all(wanted.map(([p, host]) => listenAt(p + offset, host)));
      servers = got.filter((s): s is net.Server => s !== undefined);
      if (servers.length === wanted.length) break;
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    }
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  });

  it.each([
    [[], 0],
    [['--strict'], 1],
  ])('check --direction outbound --peer aaa=127.0.0.2 %j exits %i', async (extra, code) => {
    const r = await run('--format', 'json', ...extra);
    expect(r.code).toBe(code);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.summary).toMatchObject({ probes: 8, pass: 8, fail: 0, unknown: 0, skipped: SKIPPED });
    expect(report.summary.rows).toEqual({ pass: 3, fail: 0, unknown: 0 });
    expect(report.skipped).toHaveLength(SKIPPED);
    expect(validate(report) ? [] : validate.errors).toEqual([]);
  });

  it.each([
    ['junit', /<testsuites name="portmatrix" tests="25" failures="0" errors="0" skipped="22"/],
    ['junit', /<testsuite name="portmatrix check not probed" tests="22" failures="0" errors="0" skipped="22"/],
    ['markdown', /· 22 rows skipped \(not probed\) ·/],
    ['markdown', /\n### Skipped \(not probed\)\n\n- skipped ftp-tms \(outbound\): no host for peer role "tms"/],
    ['html', /<h2>Skipped \(not probed\)<\/h2><ul><li>skipped ftp-tms \(outbound\): no host for peer role &quot;tms/],
    [
      'csv',
      new RegExp(
        '\\r\\nftp-tms,,,outbound,,,,,,,skipped,skipped,,,"no host for peer role ""tms"": give --peer tms=HOST ' +
          '\\(outbound rows are sent from the server: run check --direction outbound there\\)"',
      ),
    ],
    ['table', /22 rows skipped \(not probed\)/],
  ])('%s shows the skipped rows', async (format, pattern) => {
    const r = await run('--format', format);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(pattern);
  });

  // The terminal's short form lists one line per reason (a role without --peer), --explain one per row.
  it.each([
    [[], 6, /^ {2}skipped 9 outbound rows: no host for peer role "device": give --peer device=HOST/m],
    [['--explain'], SKIPPED, /^ {2}skipped ssh-common-services \(outbound\): no host for peer role "device"/m],
  ])('the terminal %j lists the skipped rows in %i lines', async (extra, lines, pattern) => {
    const r = await run('--format', 'table', '--width', '120', ...extra);
    const skipped = r.stdout.split('\n').filter((l) => l.startsWith('  skipped '));
    expect(skipped).toHaveLength(lines);
    expect(skipped.join('\n')).toMatch(pattern);
  });

  it.each([
    ['junit', /<testcase classname="portmatrix.not-probed.outbound" [^>]*>\n\s*<skipped message="skipped: /g],
    ['markdown', /^- skipped [^ ]+ \(outbound\): no host for peer role/gm],
    ['csv', /^[^,]+,,,outbound,,,,,,,skipped,skipped,/gm],
  ])('%s has one entry per skipped row', async (format, pattern) => {
    const r = await run('--format', format);
    expect(r.stdout.match(pattern)).toHaveLength(SKIPPED);
  });
});

describe('outbound rows go only to the --peer hosts given, never to the HOST under test (#19.3)', () => {
  it('check 127.0.0.1 --direction both --peer aaa=127.0.0.2: ssh, smtp, mars skipped; 49 to 127.0.0.2', async () => {
    const servers: net.Server[] = [];
    let offset = 0;
    for (;;) {
      offset = 3000 + Math.floor(Math.random() * 18000);
      const got = await Promise.all([
        ...HOST_PORTS.map((p) => listenAt(p + offset, '127.0.0.1')),
        listenAt(49 + offset, '127.0.0.2'),
      ]);
      servers.push(...got.filter((s): s is net.Server => s !== undefined));
      if (servers.length === HOST_PORTS.length + 1) break;
      await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
    }
    try {
      const args = ['127.0.0.1', '--direction', 'both', '--peer', 'aaa=127.0.0.2', '--only', '22,25,49,443'];
      const r = await runCli(['check', ...args, '--port-offset', String(offset), '--format', 'json']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as Report;
      const probed = report.results.map((x) => `${x.direction} ${x.host} ${x.port} ${x.state}`);
      expect([...new Set(probed)].sort()).toEqual(['inbound 127.0.0.1 443 open', 'outbound 127.0.0.2 49 open']);
      // https-security-manager's outbound 443 goes to MARS: answered by the server's own 443, it would have passed.
      expect(report.skipped?.map((x) => x.id).sort()).toEqual([
        'https-security-manager',
        'smtp-common-services',
        'ssh-common-services',
        'ssh-security-manager',
      ]);
      expect(report.summary.skipped).toBe(4);
      // The sockets agree: nothing arrived on 127.0.0.1's outbound ports, one connection where the report says.
      expect([22, 25, 49].map((p) => accepted.get(`127.0.0.1:${p + offset}`) ?? 0)).toEqual([0, 0, 0]);
      expect(accepted.get(`127.0.0.2:${49 + offset}`)).toBeGreaterThan(0);
      expect(accepted.get(`127.0.0.1:${443 + offset}`)).toBeGreaterThan(0);
    } finally {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    }
  });
});
