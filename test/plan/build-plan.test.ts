import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { InputError } from '../../src/errors.js';
import type { PortRow } from '../../src/table/types.js';

const row = (id: string, ports: Array<number | string>, over: Partial<PortRow> = {}): PortRow => ({
  id,
  service: id,
  application: 'App',
  ports,
  protocol: 'tcp',
  inbound: true,
  outbound: false,
  anyOf: false,
  notes: [],
  ...over,
});
const base = { peers: new Map<string, string[]>(), directions: ['inbound' as const], portOffset: 0 };

describe('buildPlan', () => {
  it('sends one probe per (host, protocol, port) however many rows need it', () => {
    const rows = [row('a', [443]), row('b', [443]), row('c', [443], { protocol: 'udp' })];
    const plan = buildPlan({ ...base, rows, hosts: ['h1', 'h2'] });
    expect(plan.probes.map((p) => p.key)).toEqual(['h1|tcp|443', 'h2|tcp|443', 'h1|udp|443', 'h2|udp|443']);
    expect(plan.expectations).toHaveLength(6);
    expect(plan.expectations.filter((e) => e.probeKey === 'h1|tcp|443').map((e) => e.row.id)).toEqual(['a', 'b']);
  });

  it('expands ranges and applies --only to table ports', () => {
    const plan = buildPlan({
      ...base,
      rows: [row('r', ['40050-40070'])],
      hosts: ['h'],
      only: new Set([40055, 40056, 9999]),
    });
    expect(plan.probes.map((p) => p.port)).toEqual([40055, 40056]);
  });

  it('probes port+offset but reports table ports', () => {
    const plan = buildPlan({ ...base, rows: [row('r', [22, '80-81'])], hosts: ['h'], portOffset: 20000 });
    expect(plan.probes.map((p) => [p.port, p.probedPort])).toEqual([
      [22, 20022],
      [80, 20080],
      [81, 20081],
    ]);
  });

  it.each([
    [70000 - 443, 'port 443 of row "r" would become 70000'],
    [-443, 'port 443 of row "r" would become 0'],
  ])('rejects an offset that leaves 1-65535 (%i)', (offset, message) => {
    expect(() => buildPlan({ ...base, rows: [row('r', [443])], hosts: ['h'], portOffset: offset })).toThrow(InputError);
    expect(() => buildPlan({ ...base, rows: [row('r', [443])], hosts: ['h'], portOffset: offset })).toThrow(message);
  });

  it('sends outbound rows only to the host of their peer role, never to the hosts under test', () => {
    const rows = [
      row('aaa', [49], { inbound: false, outbound: true, peer: 'aaa' }),
      row('dev', [22], { inbound: false, outbound: true, peer: 'device' }),
      row('in', [443]),
    ];
    const plan = buildPlan({
      ...base,
      rows,
      hosts: ['srv'],
      peers: new Map([['aaa', ['acs01']]]),
      outboundToPeersOnly: true,
      directions: ['inbound', 'outbound'],
    });
    expect(plan.expectations.map((e) => `${e.row.id}:${e.direction}:${e.host}`)).toEqual([
      'aaa:outbound:acs01',
      'in:inbound:srv',
    ]);
    expect(plan.skipped.map((x) => x.id)).toEqual(['dev']);
  });

  it('skips outbound rows with no host and says why', () => {
    const rows = [row('dev', [22], { inbound: false, outbound: true, peer: 'device' })];
    const plan = buildPlan({ ...base, rows, hosts: ['srv'], outboundToPeersOnly: true, directions: ['outbound'] });
    expect(plan.probes).toEqual([]);
    expect(plan.skipped).toEqual([
      {
        id: 'dev',
        direction: 'outbound',
        reason:
          'no host for peer role "device": give --peer device=HOST ' +
          '(outbound rows are sent from the server: run check --direction outbound there)',
      },
    ]);
  });
});
