import { describe, expect, it } from 'vitest';
import { remediate, type RemediationContext } from '../../src/verdict/remediation.js';
import { GENERIC_ADVICE } from '../../src/verdict/generic-advice.js';
import { RESET_WITH_RESPONDER } from '../../src/probe/classify-error.js';
import type { ResultEntry, RowResult } from '../../src/model/report.js';
import type { ResultState, Verdict } from '../../src/model/state.js';
import type { TableAdvice } from '../../src/table/types.js';

const row = (id: string, verdict: Verdict, over: Partial<RowResult> = {}): RowResult => ({
  id,
  direction: 'inbound',
  host: 'srv',
  verdict,
  service: id,
  application: 'App',
  protocol: 'tcp',
  ports: '443',
  anyOf: false,
  passed: verdict === 'pass' ? 1 : 0,
  total: 1,
  failedPorts: verdict === 'pass' ? [] : [443],
  ...over,
});
const result = (id: string, state: ResultState, verdict: Verdict, over: Partial<ResultEntry> = {}): ResultEntry => ({
  id,
  service: id,
  application: 'App',
  direction: 'inbound',
  protocol: 'tcp',
  port: 443,
  host: 'srv',
  address: '127.0.0.2',
  state,
  verdict,
  verified: false,
  latencyMs: 1,
  reason: `${state} reason`,
  ...over,
});
const generic = (id: string) => GENERIC_ADVICE.find((n) => n.id === id)!.text;
const check: RemediationContext = { command: 'check' };
const key = (id: string, direction = 'inbound') => `${id}|srv|${direction}|`;

describe('remediate: a fix for every row that did not pass, and only those', () => {
  it('passing rows, and an any-of row that passed with a failing alternative, get nothing', () => {
    const rows = [row('ok', 'pass'), row('alt', 'pass', { anyOf: true, passed: 1, total: 2 }), row('bad', 'fail')];
    const results = [
      result('ok', 'open', 'pass'),
      result('alt', 'open', 'pass'),
      result('alt', 'closed', 'fail', { port: 444 }),
      result('bad', 'closed', 'fail'),
    ];
    expect([...remediate(check, rows, results).keys()]).toEqual([key('bad')]);
  });

  it('does not change the rows or results it is given', () => {
    const rows = [row('bad', 'fail')];
    const results = [result('bad', 'filtered', 'fail')];
    const before = JSON.stringify({ rows, results });
    remediate(check, rows, results);
    expect(JSON.stringify({ rows, results })).toBe(before);
  });

  it.each([
    ['check', 'filtered', true],
    ['check', 'closed', false],
    ['check', 'open', false],
    ['check', 'open|filtered', false],
    ['matrix', 'filtered', true],
    ['audit', 'listening', false],
    ['listen', 'in-use', false],
    ['check', 'error', false],
  ] as const)('%s, %s: firewall rules %s', (command, state, rules) => {
    const fix = remediate({ command }, [row('r', 'fail')], [result('r', state, 'fail')]).get(key('r'))!;
    expect(fix.firewallRules !== undefined).toBe(rules);
  });

  // Closed is a firewall's only when a responder was expected (a reset where it should answer) (#s4.5).
  it.each([
    [RESET_WITH_RESPONDER, true],
    ['connection refused (RST or ICMP port-unreachable)', false],
  ])('check, closed with reason %s: firewall rules %s', (reason, rules) => {
    const fix = remediate(check, [row('r', 'fail')], [result('r', 'closed', 'fail', { reason })]).get(key('r'))!;
    expect(fix.firewallRules !== undefined).toBe(rules);
  });

  it('the rules allow the probed port, from the source the probe left', () => {
    const failing = result('r', 'filtered', 'fail', { probedPort: 20443, source: '127.0.0.1' });
    const fix = remediate(check, [row('r', 'fail')], [failing]).get(key('r'))!;
    expect(fix.firewallRules!.nftables).toBe(
      'nft add rule inet filter input ip saddr 127.0.0.1 ip daddr 127.0.0.2 tcp dport 20443 accept',
    );
  });

  it.each([
    ['audit', 'free', 'listening', 'free tcp/443: stop or move sshd before installing'],
    ['audit', 'listening', 'free', 'start the service for tcp/443'],
    [
      'audit',
      'listening',
      'listening',
      'make tcp/443 listen where clients reach it (0.0.0.0 or ::, or the address clients use), not only on 127.0.0.2',
    ],
    ['listen', undefined, 'in-use', 'tcp/443: in-use reason'],
  ] as const)('%s --expect %s, %s: %s', (command, expect_, state, line) => {
    const failing = result('r', state, 'fail', { process: 'sshd' });
    const fix = remediate({ command, expect: expect_ }, [row('r', 'fail')], [failing]).get(key('r'))!;
    expect(fix.remediation).toBe(line);
  });
});

describe('remediate: which advice goes on which row', () => {
  const advice: TableAdvice = {
    source: 'Acme guide',
    notes: [
      { id: 'acme-web', rows: ['web'], text: 'restart acme-web' },
      { id: 'acme-out', directions: ['outbound'], states: ['filtered'], text: 'open the acme uplink' },
      { id: 'firewall-inbound', states: ['filtered'], text: 'the acme appliance filters it' },
    ],
  };
  const failing = (id: string, direction: 'inbound' | 'outbound', state: ResultState) =>
    remediate(
      { command: 'check', advice },
      [row(id, 'fail', { direction })],
      [result(id, state, 'fail', { direction })],
    ).get(key(id, direction))!;

  it.each([
    ['web', 'inbound', 'closed', ['restart acme-web'], [generic('service-down')]],
    ['web', 'inbound', 'filtered', ['restart acme-web', 'the acme appliance filters it'], undefined],
    ['db', 'inbound', 'filtered', ['the acme appliance filters it'], undefined],
    ['db', 'inbound', 'open|filtered', undefined, [generic('prove-inbound')]],
    [
      'db',
      'outbound',
      'filtered',
      ['open the acme uplink', 'the acme appliance filters it'],
      [generic('firewall-outbound')],
    ],
    ['db', 'outbound', 'closed', undefined, [generic('peer-down')]],
    ['db', 'inbound', 'open', undefined, [generic('impostor')]],
  ] as const)('%s %s %s', (id, direction, state, own, neutral) => {
    const fix = failing(id, direction, state);
    expect(fix.advice).toEqual(own);
    expect(fix.genericAdvice).toEqual(neutral);
  });

  it('a table without advice gets generic advice only', () => {
    const fix = remediate(check, [row('r', 'fail')], [result('r', 'filtered', 'fail')]).get(key('r'))!;
    expect(fix).not.toHaveProperty('advice');
    expect(fix.genericAdvice).toEqual([generic('firewall-inbound')]);
  });

  it('an audit state gets no probe advice', () => {
    const fix = remediate({ command: 'audit', expect: 'free' }, [row('r', 'fail')], [result('r', 'listening', 'fail')]);
    expect(fix.get(key('r'))).toEqual({
      remediation: 'free tcp/443: stop or move the program that holds it before installing',
    });
  });
});
