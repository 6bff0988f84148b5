import { describe, expect, it } from 'vitest';
import { parseAllowList } from '../../src/responder/allow-list.js';
import { RateLimiter } from '../../src/responder/rate-limit.js';
import {
  answerMac,
  busyMac,
  decodeReply,
  encodeRequest,
  newNonce,
  verifyReply,
  PMX_REQUEST_SIZE,
} from '../../src/protocol/pmx-message.js';
import { answerFor as answer, busyFor } from '../../src/responder/answer.js';
import { sourceKey } from '../../src/responder/source-key.js';
import { ReceiveLog } from '../../src/responder/receive-log.js';
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
    const reply = answer(req, 'udp', 10514, src, 'k')!;
    expect(reply.length).toBeLessThanOrEqual(req.length);
    const parsed = decodeReply(reply);
    const mac = answerMac('k', nonce, 'udp', 10514, '127.0.0.1', 40000);
    expect(parsed).toEqual({ kind: 'answer', mac, address: '127.0.0.1', port: 40000 });
    expect(verifyReply(parsed, 'k', nonce, 'udp', 10514)).toBe(true);
    // The source the responder saw is covered by the MAC: a middlebox cannot rewrite it.
    expect(verifyReply({ ...parsed!, address: '10.9.9.9' } as never, 'k', nonce, 'udp', 10514)).toBe(false);
    expect(verifyReply(parsed, 'k', nonce, 'tcp', 10514)).toBe(false);
    expect(verifyReply(parsed, 'k', nonce, 'udp', 10515)).toBe(false);
    expect(verifyReply(parsed, 'other', nonce, 'udp', 10514)).toBe(false);
  });

  it('answers without a proof when it has no token', () => {
    const reply = answer(encodeRequest(newNonce(), true), 'udp', 1, src, undefined)!;
    expect(decodeReply(reply)?.mac).toBeUndefined();
  });

  it.each([
    ['SNMP GetRequest', snmpGetRequest(), 'PMX1 A\n'],
    ['TFTP RRQ', tftpReadRequest('x'), 'PMX1 A\n'],
    ['garbage', Buffer.from('hello there, anybody home?\n'), undefined],
    ['empty', Buffer.alloc(0), undefined],
  ])('%s', (_n, req, text) => {
    expect(answer(req, 'udp', 161, src, 'k')?.toString()).toBe(text);
  });

  it('a busy notice is authenticated under its own label, smaller than the request', () => {
    const nonce = newNonce();
    const req = encodeRequest(nonce, true);
    const busy = busyFor(req, nonce, 'udp', 10514, 'k')!;
    expect(busy.length).toBeLessThan(req.length);
    const parsed = decodeReply(busy);
    expect(parsed).toEqual({ kind: 'busy', mac: busyMac('k', nonce, 'udp', 10514) });
    expect(verifyReply(parsed, 'k', nonce, 'udp', 10514)).toBe(true);
    expect(verifyReply(parsed, 'k', nonce, 'udp', 10515)).toBe(false);
    // An answer's MAC presented as a busy notice (or the reverse) does not verify.
    const asAnswer = { kind: 'answer' as const, mac: parsed!.mac, address: '127.0.0.1', port: 1 };
    expect(verifyReply(asAnswer, 'k', nonce, 'udp', 10514)).toBe(false);
  });
});

describe('source keys for per-source limits', () => {
  it.each([
    ['10.1.2.3', '10.1.2.3'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['2001:db8:1:2::5', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff:1:2:3', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::9', '2001:db8:1:2::/64'],
    ['2001:db8:1:3::5', '2001:db8:1:3::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
  ])('%s counts as %s', (address, key) => {
    expect(sourceKey(address)).toBe(key);
  });
});

describe('receive log', () => {
  it('remembers what it recorded, bounded, oldest forgotten first', () => {
    const log = new ReceiveLog(3);
    for (const n of ['a', 'b', 'c', 'd']) log.record(n);
    expect(log.size).toBe(3);
    expect(log.arrived(['a', 'b', 'd', 'x'])).toEqual(['b', 'd']);
  });
});
