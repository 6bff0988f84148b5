import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, writeTable } from '../helpers/cli.js';
import { CLI, TestLan, netnsUnavailable } from '../support/netns.mjs';
import type { Report } from '../../src/model/report.js';

const why = netnsUnavailable();
if (why) console.warn(`SKIP e2e matrix: network namespaces unavailable (${why})`);

const TOKEN = 'matrix-e2e-token-0123456789abcdef0123';
// A small table: inbound TCP and UDP rows, outbound rows to two roles.
const TABLE = {
  product: 'matrix e2e',
  rows: [
    { id: 'in-tcp-ok', service: 'S', application: 'A', ports: [7001], protocol: 'tcp', inbound: true, outbound: false },
    { id: 'in-udp-ok', service: 'S', application: 'A', ports: [7101], protocol: 'udp', inbound: true, outbound: false },
    {
      id: 'in-udp-reply-blocked',
      service: 'S',
      application: 'A',
      ports: [7102],
      protocol: 'udp',
      inbound: true,
      outbound: false,
    },
    {
      id: 'in-udp-not-delivered',
      service: 'S',
      application: 'A',
      ports: [7103],
      protocol: 'udp',
      inbound: true,
      outbound: false,
    },
    {
      id: 'in-tcp-dropped',
      service: 'S',
      application: 'A',
      ports: [7002],
      protocol: 'tcp',
      inbound: true,
      outbound: false,
    },
    {
      id: 'out-aaa',
      service: 'S',
      application: 'A',
      ports: [8001],
      protocol: 'tcp',
      inbound: false,
      outbound: true,
      peer: 'aaa',
    },
    {
      id: 'out-aaa-udp',
      service: 'S',
      application: 'A',
      ports: [8101],
      protocol: 'udp',
      inbound: false,
      outbound: true,
      peer: 'aaa',
    },
    {
      id: 'out-mail',
      service: 'S',
      application: 'A',
      ports: [8002],
      protocol: 'tcp',
      inbound: false,
      outbound: true,
      peer: 'mail',
    },
  ],
};

// An inbound row on 7001 (where the server's responder listens) whose traffic comes from `from`.
const fromRole = (id: string, from: string) => ({
  id,
  service: 'S',
  application: 'A',
  ports: [7001],
  protocol: 'tcp',
  inbound: true,
  from,
  outbound: false,
});

describe.skipIf(!!why)('matrix: both ends in one command, through agents in three namespaces', () => {
  const lan = new TestLan(['server', 'client', 'aaa', 'mail']);
  let table: string;
  beforeAll(async () => {
    lan.up();
    table = writeTable(TABLE);
    const server = lan.host('server'),
      mail = lan.host('mail');
    // Server: inbound 7102 arrives but its replies are dropped (an asymmetric rule); 7103 and 7002 never arrive;
    // outbound, everything to the mail peer is dropped, the AAA peer is reachable.
    lan.nft(
      'server',
      `table inet pmx {
      chain input {
        type filter hook input priority 0; policy accept;
        udp dport 7103 drop
        tcp dport 7002 drop
      }
      chain output {
        type filter hook output priority 0; policy accept;
        udp sport 7102 drop
        ip daddr ${mail.v4} tcp dport 8002 drop
      }
    }`,
    );
    void server;
    for (const h of lan.hosts)
      await lan.start(
        h.name,
        [process.execPath, CLI, 'agent', '--token', TOKEN, '--duration', '300'],
        /agent on control port/,
      );
  });
  afterAll(() => lan.down());

  it('equals the truth of the firewall rules, UDP one-way included', async () => {
    const r = await lan.cli('client', [
      'matrix',
      '--server',
      'server',
      '--client',
      'client',
      '--peer',
      'aaa=aaa',
      '--peer',
      'mail=mail',
      '--ports',
      table,
      '--token',
      TOKEN,
      '--timeout',
      '800',
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Report;
    const cells = Object.fromEntries(report.rows.map((x) => [`${x.id} ${x.from}→${x.host}`, x.verdict]));
    expect(cells).toEqual({
      'in-tcp-ok client→server': 'pass',
      'in-udp-ok client→server': 'pass',
      'in-udp-reply-blocked client→server': 'fail',
      'in-udp-not-delivered client→server': 'fail',
      'in-tcp-dropped client→server': 'fail',
      'out-aaa server→aaa': 'pass',
      'out-aaa-udp server→aaa': 'pass',
      'out-mail server→mail': 'fail',
    });
    const by = Object.fromEntries(report.results.map((x) => [x.id, x]));
    expect(by['in-udp-reply-blocked']).toMatchObject({ state: 'filtered', delivery: 'reply-blocked' });
    expect(by['in-udp-not-delivered']).toMatchObject({ state: 'filtered', delivery: 'not-delivered' });
    expect(by['in-tcp-ok']).toMatchObject({ state: 'open', verified: true, from: 'client' });
    const blocked = report.rows.find((x) => x.id === 'in-udp-reply-blocked')!;
    expect(blocked.remediation).toMatch(/replies are dropped on the way back/);
    expect(blocked.firewallRules!.nftables).toMatch(/^nft add rule inet filter output .* udp sport \d+ accept$/);
    expect(blocked.firewallRules!.asa).toMatch(/^access-list PORTMATRIX extended permit udp host \S+ eq \d+ host /);
    expect(report.command).toBe('matrix');
    expect(r.code).toBe(1);
  });

  it(
    '--peer ROLE=HOST checks the inbound rows that come from ROLE from that host; ' + 'the rest from --client',
    async () => {
      const roles = writeTable({
        product: 'matrix roles',
        rows: [fromRole('in-from-client', 'client'), fromRole('in-from-aaa', 'aaa')],
      });
      const args = ['matrix', '--server', 'server', '--client', 'client', '--peer', 'aaa=aaa', '--ports', roles];
      const r = await lan.cli('client', [...args, '--token', TOKEN, '--timeout', '800', '--format', 'json']);
      expect(r.stderr).toBe('');
      const report = JSON.parse(r.stdout) as Report;
      expect(report.rows.map((x) => `${x.id} ${x.from}→${x.host} ${x.verdict}`)).toEqual([
        'in-from-client client→server pass',
        'in-from-aaa aaa→server pass',
      ]);
    },
  );

  it('rules on a matrix report put each agent in the role it played, and a client in no other role', async () => {
    const roles = writeTable({
      product: 'matrix rules',
      rows: [
        fromRole('in-from-client', 'client'),
        fromRole('in-from-aaa', 'aaa'),
        fromRole('in-from-device', 'device'),
      ],
    });
    const args = ['matrix', '--server', 'server', '--client', 'client', '--peer', 'aaa=aaa', '--ports', roles];
    const r = await lan.cli('client', [...args, '--token', TOKEN, '--timeout', '800', '--format', 'json']);
    expect(r.stderr).toBe('');
    const file = path.join(tempDir(), 'matrix.json');
    writeFileSync(file, r.stdout);
    // The device row was checked from the client (no --peer device=HOST): it says nothing of the devices.
    const report = JSON.parse(r.stdout) as Report;
    expect(report.rows.map((x) => `${x.id} ${x.from}→${x.host} ${x.verdict}`)).toEqual([
      'in-from-client client→server pass',
      'in-from-device client→server pass',
      'in-from-aaa aaa→server pass',
    ]);
    // Two roles probed from the client, no --as: check's note ("probed from this host … --as ROLE") is not a
    // matrix's (#s4.2).
    expect(report.notes ?? []).toEqual([]);
    const rules = await runCli(['rules', file, '--dialect', 'nftables', '--no-failed-only', '--ports', roles]);
    expect(rules.stderr).toBe('');
    const groups = rules.stdout.split('\n').filter((l) => /^# (product|client|aaa|device):/.test(l));
    expect(groups).toEqual([
      `# product: ${lan.host('server').v4}`,
      `# client: ${lan.host('client').v4}`,
      '# device: no address known; fill in the device addresses (rules for it match nothing until then)',
      `# aaa: ${lan.host('aaa').v4}`,
    ]);
  });

  it.each<[string, string[], string[]]>([
    ['8001', ['out-aaa server→aaa'], []],
    ['8001,8002', ['out-aaa server→aaa'], ['out-mail outbound no --peer mail=HOST']],
  ])('--only %s: rows outside it are neither probed nor listed as skipped', async (only, rows, skipped) => {
    const args = ['matrix', '--server', 'server', '--peer', 'aaa=aaa', '--direction', 'outbound', '--only', only];
    const r = await lan.cli('client', [
      ...args,
      '--ports',
      table,
      '--token',
      TOKEN,
      '--timeout',
      '800',
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.rows.map((x) => `${x.id} ${x.from}→${x.host}`)).toEqual(rows);
    expect((report.skipped ?? []).map((x) => `${x.id} ${x.direction} ${x.reason}`)).toEqual(skipped);
  });

  it('the table shows one column per direction and end', async () => {
    const r = await lan.cli('client', [
      'matrix',
      '--server',
      'server',
      '--client',
      'client',
      '--peer',
      'aaa=aaa',
      '--peer',
      'mail=mail',
      '--ports',
      table,
      '--token',
      TOKEN,
      '--timeout',
      '800',
    ]);
    expect(r.stdout).toMatch(/client → server/);
    expect(r.stdout).toMatch(/server → aaa/);
    expect(r.stdout).toMatch(/server → mail/);
    expect(r.stdout).toMatch(/delivered, reply blocked/);
  });

  it('an agent that cannot be reached is a clear failed cell, not a hang', async () => {
    const t0 = Date.now();
    const r = await lan.cli(
      'client',
      [
        'matrix',
        '--server',
        'server',
        '--client',
        'client',
        '--peer',
        'aaa=10.212.0.99',
        '--ports',
        table,
        '--token',
        TOKEN,
        '--timeout',
        '500',
        '--direction',
        'outbound',
        '--format',
        'json',
      ],
      60000,
    );
    const report = JSON.parse(r.stdout) as Report;
    expect(Date.now() - t0).toBeLessThan(30000);
    const aaa = report.results.filter((x) => x.host === '10.212.0.99');
    expect(aaa.length).toBe(2);
    expect(
      aaa.every((x) => x.state === 'error' && /agent 10\.212\.0\.99:47100: (unreachable|no answer)/.test(x.reason)),
    ).toBe(true);
  }, 60000);

  it('a wrong token is refused by every agent', async () => {
    const r = await lan.cli('client', [
      'matrix',
      '--server',
      'server',
      '--client',
      'client',
      '--ports',
      table,
      '--token',
      'wrong-token-0123456789abcdef0123456789',
      '--direction',
      'inbound',
      '--format',
      'json',
    ]);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.results.length).toBeGreaterThan(0);
    expect(
      report.results.every(
        (x) => x.state === 'error' && /refused the request without detail \(wrong token/.test(x.reason),
      ),
    ).toBe(true);
  });
});
