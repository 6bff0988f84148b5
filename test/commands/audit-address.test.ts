import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../helpers/cli.js';
import { ADDR, TestNet, netnsUnavailable } from '../support/netns.mjs';
import type { Report } from '../../src/model/report.js';

const why = netnsUnavailable();
if (why) console.warn(`SKIP audit --address: network namespaces unavailable (${why})`);

// Three services on the server (a namespace of its own): on its IPv4 address, on every address, and only on
// its IPv6 address. Clients use the IPv4 address (#19.7).
const PORTS = { 'on-v4': 41001, 'on-any': 41002, 'on-v6-only': 41003 } as const;
const BIND = { 'on-v4': ADDR.server4, 'on-any': '0.0.0.0', 'on-v6-only': ADDR.server6 } as const;

describe.skipIf(!!why)('audit --expect listening --address: the address clients use', () => {
  const net = new TestNet();
  const table = writeTable({
    product: 'audit-address',
    rows: Object.entries(PORTS).map(([id, port]) => ({
      id,
      service: 'S',
      application: 'A',
      ports: [port],
      protocol: 'tcp',
      inbound: true,
      outbound: false,
      from: 'client',
    })),
  });
  beforeAll(async () => {
    net.up();
    const listen = Object.entries(PORTS)
      .map(([id, port]) => `net.createServer().listen(${port},'${BIND[id as keyof typeof BIND]}');`)
      .join('');
    const code = `const net=require('net');${listen}setTimeout(()=>console.log('ready'),200);setInterval(()=>{},1e6)`;
    await net.start(net.server, [process.execPath, '-e', code], /ready/);
  });
  afterAll(() => net.down());

  it.each([
    [[], { 'on-v4': 'pass', 'on-any': 'pass', 'on-v6-only': 'pass' }, 0],
    [['--address', ADDR.server4], { 'on-v4': 'pass', 'on-any': 'pass', 'on-v6-only': 'fail' }, 1],
    [['--address', ADDR.server6], { 'on-v4': 'fail', 'on-any': 'pass', 'on-v6-only': 'pass' }, 1],
  ])('audit %j', async (extra, verdicts, code) => {
    const r = await net.cli(net.server, ['audit', '--ports', table, '--format', 'json', ...extra]);
    expect(r.code).toBe(code);
    const report = JSON.parse(r.stdout) as Report;
    expect(Object.fromEntries(report.results.map((x) => [x.id, x.verdict]))).toEqual(verdicts);
    const [address] = extra.slice(1);
    for (const x of report.results.filter((y) => y.verdict === 'fail'))
      expect(x.reason).toMatch(
        new RegExp(
          `^listening only on [0-9a-f.:]+ \\(node \\(pid \\d+\\)\\): not on ${address}, the address clients use`,
        ),
      );
    expect(report.settings.address).toBe(address);
    // What to change names the address clients use (#s4.4).
    for (const row of report.rows.filter((y) => y.verdict === 'fail'))
      expect(row.remediation).toMatch(
        new RegExp(
          `^make tcp/\\d+ listen where clients reach it \\(0\\.0\\.0\\.0 or ::, or ${address}\\), not only on `,
        ),
      );
  });

  it('--address that is not an IP address: exit 2 before anything is looked at', async () => {
    const r = await net.cli(net.server, ['audit', '--ports', table, '--address', 'csm01']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('portmatrix: --address csm01: expected the IP address clients reach this server at\n');
  });
});
