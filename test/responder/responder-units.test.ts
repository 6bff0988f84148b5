import { describe, expect, it } from 'vitest';
import { parseAllowList, unmapAddress } from '../../src/responder/allow-list.js';
import { RateLimiter } from '../../src/responder/rate-limit.js';
import { answerFor } from '../../src/responder/answer.js';
import {
  decodeReply,
  encodeRequest,
  newNonce,
  proof,
  verifyReply,
  PMX_REQUEST_SIZE,
} from '../../src/protocol/pmx-message.js';
import { snmpGetRequest, tftpReadRequest } from '../../src/probe/udp-payloads.js';
import { InputError } from '../../src/errors.js';

describe('allow list', () => {
  it.each([
    [['10.1.2.0/24'], '10.1.2.77', true],
    [['10.1.2.0/24'], '::ffff:10.1.2.77', true],
    [['10.1.2.0/24'], '10.1.3.1', false],
    [['2001:db8::/64'], '2001:db8::5', true],
    [['2001:db8::/64'], '2001:db9::5', false],
    [['127.0.0.1'], '127.0.0.1', true],
    [[], '203.0.113.9', true],
  ])('%j allows %s: %s', (cidrs, address, ok) => {
    expect(parseAllowList(cidrs).allows(address)).toBe(ok);
  });

  it.each(['10.1.2.0/33', 'nonsense', '10.1.2.0/24/1', '::/129', '10.0.0.0/x'])('rejects --allow %s', (cidr) => {
    expect(() => parseAllowList([cidr])).toThrow(InputError);
    expect(() => parseAllowList([cidr])).toThrow(`--allow "${cidr}": expected an address or CIDR`);
  });

  it('unmaps IPv4-mapped IPv6', () => {
    expect(unmapAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(unmapAddress('::1')).toBe('::1');
  });
});

describe('rate limiter', () => {
  it('allows a burst, then the refill rate', () => {
    let now = 0;
    const rl = new RateLimiter({ perSecond: 10, burst: 5, maxSources: 100 }, () => now);
    const burst = Array.from({ length: 7 }, () => rl.take('a'));
    expect(burst).toEqual([true, true, true, true, true, false, false]);
    now += 100; // one token back
    expect([rl.take('a'), rl.take('a')]).toEqual([true, false]);
    expect(rl.take('b')).toBe(true);
  });

  it('keeps its table of sources bounded', () => {
    const rl = new RateLimiter({ perSecond: 1, burst: 1, maxSources: 100 });
    for (let i = 0; i < 10000; i++) rl.take(`10.0.${i >> 8}.${i & 255}`);
    expect(rl.size).toBe(100);
  });
});

describe('answers', () => {
  const src = { address: '::ffff:127.0.0.1', port: 40000 };

  it('signs a padded UDP request, never larger than it', () => {
    const nonce = newNonce();
    const req = encodeRequest(nonce, true);
    expect(req.length).toBe(PMX_REQUEST_SIZE);
    const reply = answerFor(req, 'udp', 10514, src, 'k')!;
    expect(reply.length).toBeLessThanOrEqual(req.length);
    const parsed = decodeReply(reply);
    expect(parsed).toEqual({ mac: proof('k', nonce, 'udp', 10514), address: '127.0.0.1', port: 40000 });
    expect(verifyReply(parsed, 'k', nonce, 'udp', 10514)).toBe(true);
    expect(verifyReply(parsed, 'k', nonce, 'tcp', 10514)).toBe(false);
    expect(verifyReply(parsed, 'k', nonce, 'udp', 10515)).toBe(false);
    expect(verifyReply(parsed, 'other', nonce, 'udp', 10514)).toBe(false);
  });

  it('answers without a proof when it has no token', () => {
    const reply = answerFor(encodeRequest(newNonce(), true), 'udp', 1, src, undefined)!;
    expect(decodeReply(reply)?.mac).toBeUndefined();
  });

  it.each([
    ['SNMP GetRequest', snmpGetRequest(), 'PMX1 A\n'],
    ['TFTP RRQ', tftpReadRequest('x'), 'PMX1 A\n'],
    ['garbage', Buffer.from('hello there, anybody home?\n'), undefined],
    ['empty', Buffer.alloc(0), undefined],
  ])('%s', (_n, req, text) => {
    expect(answerFor(req, 'udp', 161, src, 'k')?.toString()).toBe(text);
  });
});
