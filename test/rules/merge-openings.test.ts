import { describe, expect, it } from 'vitest';
import { mergeOpenings, PRODUCT, type Opening } from '../../src/rules/rule-set.js';

// An inbound opening of one port from a role.
const inbound = (rowId: string, port: number, source = 'client', protocol: 'tcp' | 'udp' = 'tcp'): Opening => ({
  rowId,
  direction: 'inbound',
  protocol,
  port,
  source,
  destination: PRODUCT,
});

describe('mergeOpenings: one rule per (source, destination, protocol)', () => {
  it.each([
    [
      'four rows on 443 from clients, twice each',
      ['https-aus', 'https-common-services', 'https-performance-monitor', 'https-security-manager'].flatMap((id) => [
        inbound(id, 443),
        inbound(id, 443),
      ]),
      [{ source: 'client', ports: [{ from: 443, to: 443 }], rowCount: 4 }],
    ],
    [
      'adjacent ports compact into a range',
      [40050, 40051, 40052, 40070].map((p) => inbound('dcr', p, 'server')),
      [
        {
          source: 'server',
          ports: [
            { from: 40050, to: 40052 },
            { from: 40070, to: 40070 },
          ],
          rowCount: 1,
        },
      ],
    ],
    [
      'another source or protocol is another rule',
      [inbound('a', 514, 'device', 'udp'), inbound('b', 514, 'device', 'tcp'), inbound('c', 443, 'client')],
      [
        { source: 'client', ports: [{ from: 443, to: 443 }], rowCount: 1 },
        { source: 'device', ports: [{ from: 514, to: 514 }], rowCount: 1 },
        { source: 'device', ports: [{ from: 514, to: 514 }], rowCount: 1 },
      ],
    ],
  ])('%s', (_name, openings, expected) => {
    const rules = mergeOpenings(openings, []);
    expect(rules.map((r) => ({ source: r.source, ports: r.ports, rowCount: r.rows.length }))).toEqual(expected);
  });

  it('lists the rows in table order', () => {
    const rules = mergeOpenings([inbound('b', 1741), inbound('a', 443)], ['a', 'b']);
    expect(rules[0]!.rows).toEqual(['a', 'b']);
    expect(rules[0]!.ports).toEqual([
      { from: 443, to: 443 },
      { from: 1741, to: 1741 },
    ]);
  });
});
