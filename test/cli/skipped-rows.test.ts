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

// A TCP listener on HOST:PORT, or undefined when that port is taken.
function listenAt(port: number, host: string): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer((s) => s.on('error', () => undefined).destroy());
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
    for (;;) {
      offset = 3000 + Math.floor(Math.random() * 18000); // the table's outbound ports go up to 44353
      const got = await Promise.all(AAA_PORTS.map((p) => listenAt(p + offset, '127.0.0.2')));
      servers = got.filter((s): s is net.Server => s !== undefined);
      if (servers.length === AAA_PORTS.length) break;
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
      /\r\nftp-tms,,,outbound,,,,,,,skipped,skipped,,,"no host for peer role ""tms"": give HOST or --peer tms=HOST"/,
    ],
    ['table', /22 rows skipped \(not probed\)/],
  ])('%s shows the skipped rows', async (format, pattern) => {
    const r = await run('--format', format);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(pattern);
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
