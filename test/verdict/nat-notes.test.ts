import { describe, expect, it } from 'vitest';
import { natNotes } from '../../src/verdict/nat-notes.js';
import type { ProbeResult } from '../../src/probe/run-probes.js';

// One probe's outcome with the endpoints as the prober and the responder saw them.
const outcome = (address: string, localAddress?: string, observedSource?: string) =>
  ({ address, state: 'open', localAddress, observedSource }) as unknown as ProbeResult;

describe('natNotes: a source the responder saw differently', () => {
  it.each([
    ['same IPv4 address', outcome('10.0.0.2', '10.0.0.1', '10.0.0.1:5000'), []],
    ['the responder saw it IPv4-mapped', outcome('10.0.0.2', '10.0.0.1', '::ffff:10.0.0.1:40000'), []],
    ['we sent from a mapped address', outcome('10.0.0.2', '::FFFF:10.0.0.1', '10.0.0.1:6000'), []],
    ['same IPv6 address', outcome('2001:db8::2', '2001:db8::1', '2001:db8::1:5001'), []],
    ['no observed source', outcome('10.0.0.2', '10.0.0.1'), []],
    [
      'another address (NAT)',
      outcome('10.0.0.2', '10.0.0.1', '::ffff:192.0.2.7:5000'),
      ['to 10.0.0.2: sent from 10.0.0.1, the responder saw 192.0.2.7 (NAT in the path)'],
    ],
  ])('%s', (_name, o, expected) => {
    expect(natNotes(new Map([['k', o]]))).toEqual(expected);
  });
});
