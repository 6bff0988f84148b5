import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable, CLI } from '../helpers/cli.js';
import { ADDR, TestNet, netnsUnavailable } from '../support/netns.mjs';
import type { Report } from '../../src/model/report.js';

const why = netnsUnavailable();
if (why) console.warn(`SKIP e2e responder: network namespaces unavailable (${why})`);

const TOKEN = 'e2e-change-window-0123456789abcdef01';
const PORTS = { open: 7001, drop: 7003, reset: 7004, admin: 7005, unreach: 7006 };

// Drops, resets and rejects on one hook; the responder binds every port behind them.
const ruleset = (hook: 'input' | 'output', name: string) => `table inet ${name} {
  chain c { type filter hook ${hook} priority 0; policy accept;
    meta l4proto { tcp, udp } th dport ${PORTS.drop} drop
    tcp dport ${PORTS.reset} reject with tcp reset
    meta l4proto { tcp, udp } th dport ${PORTS.admin} reject with icmpx admin-prohibited
    meta l4proto { tcp, udp } th dport ${PORTS.unreach} reject with icmpx port-unreachable
  }
}`;

const table = (direction: 'inbound' | 'outbound') =>
  writeTable({
    product: 'e2e',
    rows: (['tcp', 'udp'] as const).flatMap((protocol) =>
      Object.entries(PORTS).map(([k, p]) => ({
        id: `${protocol}-${k}`,
        service: 'S',
        application: 'E2E',
        ports: [p],
        protocol,
        inbound: direction === 'inbound',
        outbound: direction === 'outbound',
        ...(direction === 'outbound' ? { peer: 'peer' } : {}),
      })),
    ),
  });

const states = (report: Report) =>
  Object.fromEntries(report.results.map((r) => [r.id, `${r.state}/${r.verified ? 'verified' : '-'}/${r.verdict}`]));

// With a token the responder always answers: silence is filtered, and only a verified answer passes.
const EXPECTED_INBOUND = {
  'tcp-open': 'open/verified/pass',
  'tcp-drop': 'filtered/-/fail',
  'tcp-reset': 'closed/-/fail',
  'tcp-admin': 'filtered/-/fail',
  'tcp-unreach': 'closed/-/fail',
  'udp-open': 'open/verified/pass',
  'udp-drop': 'filtered/-/fail',
  'udp-reset': 'open/verified/pass',
  'udp-admin': 'filtered/-/fail',
  'udp-unreach': 'closed/-/fail',
};

describe.skipIf(!!why)('the responder through a real firewall, with a token', () => {
  const net = new TestNet();
  beforeAll(async () => {
    net.up();
    net.nft(net.server, ruleset('input', 'pmx_in'));
    net.nft(net.server, ruleset('output', 'pmx_out').replace(/700(\d)/g, '800$1'));
    const inbound = table('inbound');
    const outbound = table('outbound');
    await net.start(
      net.server,
      [process.execPath, CLI, 'listen', '--ports', inbound, '--token', TOKEN, '--duration', '120', '--quiet'],
      /listening on 10 port/,
    );
    await net.start(
      net.client,
      [
        process.execPath,
        CLI,
        'listen',
        '--ports',
        outbound,
        '--direction',
        'outbound',
        '--port-offset',
        '1000',
        '--token',
        TOKEN,
        '--duration',
        '120',
      ],
      /listening on 10 port/,
    );
  });
  afterAll(() => net.down());

  it.each([ADDR.server4, ADDR.server6])('inbound to %s: open verified, closed, filtered', async (server) => {
    const r = await net.cli(net.client, [
      'check',
      server,
      '--ports',
      table('inbound'),
      '--token',
      TOKEN,
      '--format',
      'json',
      '--timeout',
      '1000',
    ]);
    const report = JSON.parse(r.stdout) as Report;
    // IPv6: Linux takes ICMPv6 port-unreachable as a soft error on a connecting TCP socket; the SYN times out.
    expect(states(report)).toEqual({
      ...EXPECTED_INBOUND,
      ...(server.includes(':') ? { 'tcp-unreach': 'filtered/-/fail' } : {}),
    });
    const open = report.results.find((x) => x.id === 'udp-open')!;
    expect(open.observedSource?.replace(/:\d+$/, '')).toBe(server.includes(':') ? ADDR.client6 : ADDR.client4);
    expect(report.notes ?? []).toEqual([]);
  });

  it.each([ADDR.client4, ADDR.client6])('outbound from the server to a peer responder at %s', async (peer) => {
    const r = await net.cli(net.server, [
      'check',
      '--direction',
      'outbound',
      '--peer',
      `peer=${peer}`,
      '--ports',
      table('outbound'),
      '--port-offset',
      '1000',
      '--token',
      TOKEN,
      '--format',
      'json',
      '--timeout',
      '1000',
    ]);
    const report = JSON.parse(r.stdout) as Report;
    // The server's own egress rules: a UDP send that any rule drops or rejects fails at once with EPERM.
    expect(states(report)).toEqual({
      ...EXPECTED_INBOUND,
      ...(peer.includes(':') ? { 'tcp-unreach': 'filtered/-/fail' } : {}),
      'udp-unreach': 'filtered/-/fail',
    });
    for (const id of ['udp-drop', 'udp-admin', 'udp-unreach']) {
      const x = report.results.find((y) => y.id === id)!;
      expect(x.reason).toBe('refused by a local firewall (EPERM)');
      expect(x.latencyMs).toBeLessThan(200);
    }
  });

  it('a wrong token turns every open port into a failure', async () => {
    const r = await net.cli(net.client, [
      'check',
      ADDR.server4,
      '--ports',
      table('inbound'),
      '--token',
      'wrong-9f3a61c27e0b48d5a1c3e7f20b6d4c88',
      '--format',
      'json',
      '--timeout',
      '500',
    ]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.results.filter((x) => x.state === 'open').every((x) => !x.verified && x.verdict === 'fail')).toBe(
      true,
    );
    expect(report.rows.every((x) => x.verdict === 'fail')).toBe(true);
  });
});
