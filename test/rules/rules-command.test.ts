import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, writeTable } from '../helpers/cli.js';
import { has } from '../helpers/daemons.js';
import type { Report } from '../../src/model/report.js';

// A TCP port nothing listens on right now (bound, then released).
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const dir = tempDir();
const reportFile = path.join(dir, 'report.json');
let report: Report;

// Four HTTPS rows on two addresses of the server: eight failed rows, each with its own 443 rule (with a token,
// a reset where the responder should answer is a firewall's: a closed port without one gets no rule).
beforeAll(async () => {
  const offset = (await freePort()) - 443;
  const token = path.join(dir, 'token');
  writeFileSync(token, 'rules-test-token-0123456789abcdef0123456789\n', { mode: 0o600 });
  const args = ['check', '127.0.0.1', '127.0.0.2', '--only', '443', '--port-offset', String(offset)];
  args.push('--token-file', token);
  const r = await runCli([...args, '--as', 'client', '--format', 'json', '--output', reportFile, '--quiet']);
  expect(r.code).toBe(1);
  report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
}, 60000);

// Runs `rules` on the report in one dialect.
const rules = (dialect: string, ...extra: string[]) => runCli(['rules', reportFile, '--dialect', dialect, ...extra]);

describe('portmatrix rules REPORT', () => {
  it('the report carries 8 per-row rules for 443', () => {
    const perRow = report.rows.filter((r) => r.firewallRules).map((r) => r.firewallRules!.nftables);
    expect(perRow).toHaveLength(8);
    expect(perRow.every((r) => / tcp dport \d+ accept$/.test(r))).toBe(true);
  });

  it.each([
    ['nftables', /^\t\tip saddr @pmx_client_v4 ip daddr @pmx_product_v4 tcp dport 443 accept$/gm],
    ['iptables', /^iptables -A PORTMATRIX -p tcp .* --dport 443 .*-j ACCEPT$/gm],
    ['windows', /New-NetFirewallRule -DisplayName 'portmatrix tcp 443 from client' .* -LocalPort 443 /g],
    [
      'asa',
      new RegExp(
        '^access-list PORTMATRIX extended permit tcp object-group pmx-client object-group pmx-product ' +
          'object-group pmx-svc-1$',
        'gm',
      ),
    ],
  ])('%s: the 8 become one rule, commented with the 4 rows', async (dialect, rule) => {
    const r = await rules(dialect);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.match(rule)).toHaveLength(1);
    // ASA remarks wrap at 100 characters.
    expect(r.stdout.replace(/\naccess-list PORTMATRIX remark /g, ' ')).toContain(
      'https-common-services, https-security-manager, https-aus, https-performance-monitor (inbound from client)',
    );
    expect(r.stdout).toContain('product: 127.0.0.1, 127.0.0.2');
    expect(r.stdout).toContain('client: 127.0.0.1');
    expect(r.stdout).toMatch(/Table note: Normally, opening the ports listed in "Required services and ports"/);
  });

  it.runIf(has('nft'))('nft -c accepts the consolidated rule set', async () => {
    const r = await rules('nftables');
    const file = path.join(dir, 'rules.nft');
    writeFileSync(file, r.stdout);
    const check = spawnSync('nft', ['-c', '-f', file], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it.runIf(has('nft'))('nft -c accepts the whole table as a change request, IPv4 and IPv6', async () => {
    const args = ['--server', '192.0.2.10', '--server', '2001:db8::10', '--peer', 'device=198.51.100.0/24'];
    const r = await runCli(['rules', '--dialect', 'nftables', ...args]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'ip6 saddr @pmx_product_v6 ip6 daddr @pmx_device_v6 tcp dport { 22-23, 80, 514 } accept',
    );
    const file = path.join(dir, 'table.nft');
    writeFileSync(file, r.stdout);
    const check = spawnSync('nft', ['-c', '-f', file], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it("a report probed at an offset gets rules for the table's ports, and the header says so (#19.4)", async () => {
    const offset = report.settings.portOffset as number;
    const r = await rules('nftables');
    expect(r.stdout).toContain(
      `; the check probed each port at +${offset} (--port-offset): these rules open the table's ports.`,
    );
    expect(r.stdout).toMatch(/tcp dport 443 accept/);
    expect(r.stdout).not.toContain(String(443 + offset));
  });

  it('never opens the Tomcat shutdown port or the databases to clients', async () => {
    const r = await runCli(['rules', '--dialect', 'nftables', '--only', '9007,10033,43441']);
    expect(r.stdout).toContain('@pmx_server_v4 ip daddr @pmx_product_v4 tcp dport { 9007, 10033, 43441 } accept');
    expect(r.stdout).not.toContain('pmx_client');
  });

  it('a row whose table names no source role is opened to no one', async () => {
    const table = writeTable({
      product: 'Test',
      rows: [
        { id: 'svc', service: 'S', application: 'A', ports: [443], protocol: 'tcp', inbound: true, outbound: false },
      ],
    });
    const r = await runCli(['rules', '--dialect', 'nftables', '--ports', table]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# not opened: svc (inbound): the table names no source role ("from")');
    expect(r.stdout).not.toMatch(/accept$/m);
  });

  it.each([
    [['--dialect', 'pf'], /^portmatrix: --dialect pf: expected one of nftables, iptables, windows, asa\n/],
    [['--dialect', 'asa', '--explain'], /^portmatrix: unknown option --explain\nRun "portmatrix rules --help"/],
    [
      ['--dialect', 'asa', '--peer', 'admins=10.0.0.1'],
      /no row of the table has the role "admins"; roles: aaa, client/,
    ],
    [['--dialect', 'asa', '--peer', 'client=pc01'], /--peer client=pc01: expected an IP address or CIDR/],
  ])('bad input %j: exit 2', async (args, message) => {
    const r = await runCli(['rules', reportFile, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a report from another table: exit 2, naming the row', async () => {
    const table = writeTable({
      product: 'Other product',
      rows: [{ id: 'x', service: 'S', application: 'A', ports: [1], protocol: 'tcp', inbound: true, outbound: false }],
    });
    const r = await runCli(['rules', reportFile, '--dialect', 'nftables', '--ports', table]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the report was made with another table ("Cisco Security Manager`);
    expect(r.stderr).toContain(`than ${table} (sha256:`);
  });

  it('an audit report has no paths to open: exit 2', async () => {
    const audit = path.join(dir, 'audit.json');
    await runCli(['audit', '--only', '443', '--format', 'json', '--output', audit]);
    const r = await runCli(['rules', audit, '--dialect', 'nftables']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('an audit report has no paths to probe or open; expected a check or matrix report');
  });

  it('a file that is not a report: exit 2', async () => {
    const r = await runCli(['rules', writeTable({ product: 'x', rows: [] }), '--dialect', 'nftables']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/: not a portmatrix report: the top level: must have required property/);
  });
});
