import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../helpers/cli.js';
import { ADDR, TestNet, netnsUnavailable } from '../support/netns.mjs';
import type { Report } from '../../src/model/report.js';

const why = netnsUnavailable();
if (why)
  console.warn(`SKIP e2e verdicts: network namespaces unavailable (${why}); run as root with iproute2 and nftables`);

// Ports on the host that listens, and what the firewall in front of it does to each.
const TCP = { open: 7001, closed: 7002, drop: 7003, reset: 7004, admin: 7005 };
const UDP = { open: 7101, closed: 7102, drop: 7103, admin: 7105, unreach: 7106 };

// Input rules (inbound) or output rules (outbound) of one host.
const ruleset = (hook: 'input' | 'output', outbound: boolean) => `table inet pmx_${hook} {
  chain c { type filter hook ${hook} priority 0; policy accept;
    tcp dport ${TCP.drop} drop
    ${outbound ? '' : `tcp dport ${TCP.reset} reject with tcp reset`}
    tcp dport ${TCP.admin} reject with icmpx admin-prohibited
    udp dport ${UDP.drop} drop
    udp dport ${UDP.admin} reject with icmpx admin-prohibited
    ${outbound ? '' : `udp dport ${UDP.unreach} reject with icmpx port-unreachable`}
  }
}`;

const table = (direction: 'inbound' | 'outbound') =>
  writeTable({
    product: 'e2e',
    rows: [
      ...Object.entries(TCP).map(([k, p]) => ({
        id: `tcp-${k}`,
        service: 'T',
        application: 'E2E',
        ports: [p],
        protocol: 'tcp',
        inbound: direction === 'inbound',
        outbound: direction === 'outbound',
        ...(direction === 'outbound' ? { peer: 'peer' } : {}),
      })),
      ...Object.entries(UDP).map(([k, p]) => ({
        id: `udp-${k}`,
        service: 'U',
        application: 'E2E',
        ports: [p],
        protocol: 'udp',
        inbound: direction === 'inbound',
        outbound: direction === 'outbound',
        ...(direction === 'outbound' ? { peer: 'peer' } : {}),
      })),
    ],
  });

const states = (report: Report) => Object.fromEntries(report.results.map((r) => [r.id, `${r.state}/${r.verdict}`]));

describe.skipIf(!!why)('verdicts through a real firewall (network namespaces, nftables)', () => {
  const net = new TestNet();
  beforeAll(async () => {
    net.up();
    // Inbound: the server filters what arrives; the client probes it.
    net.nft(net.server, ruleset('input', false));
    // Outbound: the server's own egress rules; a peer (the client namespace) listens.
    net.nft(net.server, ruleset('output', true).replace(/dport 7(\d{3})/g, 'dport 8$1'));
    await net.sockets(net.server, [TCP.open, TCP.reset], [UDP.open, UDP.unreach]);
    // The peer listens on the ports the server's egress drops, to prove the drop is what fails them.
    await net.sockets(net.client, [8001, 8003], [8101, 8103]);
  });
  afterAll(() => net.down());

  it.each([ADDR.server4, ADDR.server6])(
    'inbound from the client to %s: every state from a real packet or its absence',
    async (server) => {
      const r = await net.cli(net.client, [
        'check',
        server,
        '--ports',
        table('inbound'),
        '--format',
        'json',
        '--timeout',
        '1000',
        '--retries',
        '1',
      ]);
      const report = JSON.parse(r.stdout) as Report;
      expect(states(report)).toEqual({
        'tcp-open': 'open/pass',
        'tcp-closed': 'closed/fail', // RST from the kernel
        'tcp-drop': 'filtered/fail', // silence: never "closed"
        'tcp-reset': 'closed/fail', // nftables reject with tcp reset
        'tcp-admin': 'filtered/fail', // ICMP admin-prohibited (IPv6: Linux keeps it soft, the SYN times out)
        'udp-open': 'open/pass',
        'udp-closed': 'closed/fail', // ICMP port-unreachable from the kernel
        'udp-drop': 'open|filtered/unknown',
        'udp-admin': 'filtered/fail',
        'udp-unreach': 'closed/fail', // nftables reject with icmpx port-unreachable
      });
      const reasons = Object.fromEntries(report.results.map((x) => [x.id, x.reason]));
      expect(reasons['tcp-drop']).toMatch(/timed out|adaptive/);
      expect(reasons['udp-admin']).toMatch(server.includes(':') ? /EACCES/ : /administratively prohibited/);
      expect(r.code).toBe(1);
    },
  );

  it.each([ADDR.client4, ADDR.client6])(
    'outbound from the server to a peer at %s through its own egress rules',
    async (peer) => {
      const r = await net.cli(net.server, [
        'check',
        '--direction',
        'outbound',
        '--peer',
        `peer=${peer}`,
        '--ports',
        table('outbound'),
        '--format',
        'json',
        '--timeout',
        '1000',
        '--port-offset',
        '1000',
      ]);
      const report = JSON.parse(r.stdout) as Report;
      expect(states(report)).toEqual({
        'tcp-open': 'open/pass',
        'tcp-closed': 'closed/fail',
        'tcp-drop': 'filtered/fail', // egress drop: the SYN never leaves, connect times out
        'tcp-reset': 'closed/fail', // no egress rule: nothing listens on the peer, RST
        'tcp-admin': 'filtered/fail',
        'udp-open': 'open/pass',
        'udp-closed': 'closed/fail',
        'udp-drop': 'filtered/fail', // egress drop: send fails at once with EPERM
        'udp-admin': 'filtered/fail',
        'udp-unreach': 'closed/fail',
      });
      const byId = Object.fromEntries(report.results.map((x) => [x.id, x]));
      expect(byId['udp-drop']!.reason).toBe('refused by a local firewall (EPERM)');
      expect(byId['udp-drop']!.latencyMs).toBeLessThan(500);
      expect(
        report.results.every((x) => x.direction === 'outbound' && x.host === peer && x.probedPort === x.port + 1000),
      ).toBe(true);
    },
  );

  it.each([
    ['server.pmx.test', ADDR.server4],
    ['server6.pmx.test', ADDR.server6],
  ])('resolves %s once and probes %s', async (name, address) => {
    const r = await net.cli(net.client, [
      'check',
      name,
      '--ports',
      table('inbound'),
      '--only',
      `${TCP.open},${UDP.open}`,
      '--format',
      'json',
    ]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.results.map((x) => [x.host, x.address, x.state])).toEqual([
      [name, address, 'open'],
      [name, address, 'open'],
    ]);
    expect(r.code).toBe(0);
  });

  it('a name with several addresses is resolved once, to the address the system prefers', async () => {
    const r = await net.cli(net.client, [
      'check',
      'multi.pmx.test',
      '--ports',
      table('inbound'),
      '--only',
      `${TCP.open},${UDP.open}`,
      '--format',
      'json',
    ]);
    const report = JSON.parse(r.stdout) as Report;
    const used = new Set(report.results.map((x) => x.address));
    expect(used.size).toBe(1); // every probe of a host goes to one address
    expect([ADDR.server4, ADDR.server6]).toContain([...used][0]);
    expect(report.results.map((x) => x.state)).toEqual(['open', 'open']);
  });

  it('an IPv6 link-local address with a zone id', async () => {
    const ll = spawnSync('ip', ['-n', net.server, '-6', '-o', 'addr', 'show', 'scope', 'link'], {
      encoding: 'utf8',
    }).stdout;
    const addr = /inet6 (fe80::[0-9a-f:]+)\//.exec(ll)?.[1];
    const dev = spawnSync('ip', ['-n', net.client, '-o', 'link', 'show', 'type', 'veth'], { encoding: 'utf8' })
      .stdout.split(':')[1]
      ?.trim()
      .split('@')[0];
    expect(addr && dev).toBeTruthy();
    const r = await net.cli(net.client, [
      'check',
      `${addr}%${dev}`,
      '--ports',
      table('inbound'),
      '--only',
      `${TCP.open},${TCP.closed}`,
      '--format',
      'json',
    ]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.results.map((x) => x.state)).toEqual(['open', 'closed']);
  });

  it('error: a name that does not resolve (DNS fails inside the namespace)', async () => {
    const r = await net.cli(net.client, [
      'check',
      'nowhere.pmx.test',
      '--ports',
      table('inbound'),
      '--only',
      String(TCP.open),
      '--format',
      'json',
    ]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.results[0]).toMatchObject({ state: 'error', verdict: 'fail' });
    expect(report.results[0]!.reason).toMatch(/^DNS: /);
  });
});
