import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firewallRules } from '../../src/verdict/firewall-rules.js';
import { tempDir } from '../helpers/cli.js';
import { has } from '../helpers/daemons.js';

const tcpRange = firewallRules({
  id: 'dcr-ogs-common-services',
  protocol: 'tcp',
  ports: [{ from: 40050, to: 40070 }],
  direction: 'inbound',
  source: '10.9.9.9',
  destination: '10.1.2.3',
});
const udpPort = firewallRules({
  id: 'syslog-security-manager',
  protocol: 'udp',
  ports: [{ from: 514, to: 514 }],
  direction: 'inbound',
  source: '2001:db8::9',
  destination: '2001:db8::3',
});
const udpReplies = firewallRules({
  id: 'syslog-security-manager',
  protocol: 'udp',
  ports: [{ from: 514, to: 514 }],
  direction: 'inbound',
  source: '10.9.9.9',
  destination: '10.1.2.3',
  reply: true,
});
const outboundReplies = firewallRules({
  id: 'aaa-security-manager',
  protocol: 'udp',
  ports: [
    { from: 1645, to: 1646 },
    { from: 1812, to: 1812 },
  ],
  direction: 'outbound',
  source: '10.1.2.3',
  destination: '10.5.5.5',
  reply: true,
});
const several = firewallRules({
  id: 'aaa-security-manager',
  protocol: 'tcp',
  ports: [
    { from: 88, to: 88 },
    { from: 389, to: 389 },
    { from: 1645, to: 1646 },
  ],
  direction: 'outbound',
  source: '10.1.2.3',
  destination: '10.5.5.5',
});

describe('firewall rules per dialect', () => {
  it.each([
    [
      tcpRange,
      {
        nftables: 'nft add rule inet filter input ip saddr 10.9.9.9 ip daddr 10.1.2.3 tcp dport 40050-40070 accept',
        iptables: 'iptables -A INPUT -p tcp -s 10.9.9.9 -d 10.1.2.3 --dport 40050:40070 -j ACCEPT',
        windows:
          'New-NetFirewallRule -DisplayName "portmatrix dcr-ogs-common-services" -Direction Inbound' +
          ' -Protocol TCP -LocalPort 40050-40070 -RemoteAddress 10.9.9.9 -Action Allow',
        asa: 'access-list PORTMATRIX extended permit tcp host 10.9.9.9 host 10.1.2.3 range 40050 40070',
      },
    ],
    [
      udpPort,
      {
        nftables: 'nft add rule inet filter input ip6 saddr 2001:db8::9 ip6 daddr 2001:db8::3 udp dport 514 accept',
        iptables: 'ip6tables -A INPUT -p udp -s 2001:db8::9 -d 2001:db8::3 --dport 514 -j ACCEPT',
        windows:
          'New-NetFirewallRule -DisplayName "portmatrix syslog-security-manager" -Direction Inbound' +
          ' -Protocol UDP -LocalPort 514 -RemoteAddress 2001:db8::9 -Action Allow',
        asa: 'access-list PORTMATRIX extended permit udp host 2001:db8::9 host 2001:db8::3 eq 514',
      },
    ],
    [
      udpReplies,
      {
        nftables: 'nft add rule inet filter output ip saddr 10.1.2.3 ip daddr 10.9.9.9 udp sport 514 accept',
        iptables: 'iptables -A OUTPUT -p udp -s 10.1.2.3 -d 10.9.9.9 --sport 514 -j ACCEPT',
        windows:
          'New-NetFirewallRule -DisplayName "portmatrix syslog-security-manager replies" -Direction Outbound' +
          ' -Protocol UDP -LocalPort 514 -RemoteAddress 10.9.9.9 -Action Allow',
        asa: 'access-list PORTMATRIX extended permit udp host 10.1.2.3 eq 514 host 10.9.9.9',
      },
    ],
    [
      outboundReplies,
      {
        nftables:
          'nft add rule inet filter input ip saddr 10.5.5.5 ip daddr 10.1.2.3 udp sport { 1645-1646, 1812 } accept',
        iptables: 'iptables -A INPUT -p udp -s 10.5.5.5 -d 10.1.2.3 -m multiport --sports 1645:1646,1812 -j ACCEPT',
        windows:
          'New-NetFirewallRule -DisplayName "portmatrix aaa-security-manager replies" -Direction Inbound' +
          ' -Protocol UDP -RemotePort 1645-1646,1812 -RemoteAddress 10.5.5.5 -Action Allow',
        asa: [
          'access-list PORTMATRIX extended permit udp host 10.5.5.5 range 1645 1646 host 10.1.2.3',
          'access-list PORTMATRIX extended permit udp host 10.5.5.5 eq 1812 host 10.1.2.3',
        ].join('\n'),
      },
    ],
    [
      several,
      {
        nftables:
          'nft add rule inet filter output ip saddr 10.1.2.3 ip daddr 10.5.5.5 tcp dport { 88, 389, 1645-1646 } accept',
        iptables: 'iptables -A OUTPUT -p tcp -s 10.1.2.3 -d 10.5.5.5 -m multiport --dports 88,389,1645:1646 -j ACCEPT',
        windows:
          'New-NetFirewallRule -DisplayName "portmatrix aaa-security-manager" -Direction Outbound' +
          ' -Protocol TCP -RemotePort 88,389,1645-1646 -RemoteAddress 10.5.5.5 -Action Allow',
        asa: [
          'access-list PORTMATRIX extended permit tcp host 10.1.2.3 host 10.5.5.5 eq 88',
          'access-list PORTMATRIX extended permit tcp host 10.1.2.3 host 10.5.5.5 eq 389',
          'access-list PORTMATRIX extended permit tcp host 10.1.2.3 host 10.5.5.5 range 1645 1646',
        ].join('\n'),
      },
    ],
  ])('rules %#', (rules, expected) => {
    expect(rules).toEqual(expected);
  });

  it.runIf(has('nft'))('nft -c accepts the nftables rules', () => {
    const dir = tempDir();
    const body = [
      'add table inet filter',
      'add chain inet filter input { type filter hook input priority 0; }',
      'add chain inet filter output { type filter hook output priority 0; }',
      ...[tcpRange, udpPort, udpReplies, outboundReplies, several].map((r) => r.nftables.replace(/^nft /, '')),
    ].join('\n');
    const file = path.join(dir, 'rules.nft');
    writeFileSync(file, `${body}\n`);
    const r = spawnSync('nft', ['-c', '-f', file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
