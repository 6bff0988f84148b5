import { describe, expect, it } from 'vitest';
import { assertProbeable, normalizeHost, resolveHosts } from '../../src/probe/resolve-hosts.js';
import { probeTcp } from '../../src/probe/tcp-probe.js';
import { InputError } from '../../src/errors.js';
import { tcpListener } from '../helpers/sockets.js';

describe('hostile names and addresses', () => {
  it.each([
    ['0.0.0.0', 'the unspecified address'],
    ['::', 'the unspecified address'],
    ['255.255.255.255', 'the broadcast address'],
    ['::ffff:255.255.255.255', 'the broadcast address'],
    ['224.0.0.1', 'a multicast or reserved address'],
    ['239.255.255.250', 'a multicast or reserved address'],
    ['240.0.0.1', 'a multicast or reserved address'],
    ['ff02::1', 'a multicast address'],
  ])('refuses %s (%s)', (address, why) => {
    expect(() => assertProbeable(address, address)).toThrow(InputError);
    expect(() => assertProbeable(address, address)).toThrow(
      `host "${address}" is ${why} (${address}): expected the address or name of one host`,
    );
  });

  it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1', 'fe80::1%eth0', '10.1.2.3'])('accepts %s', (address) => {
    expect(() => assertProbeable(address, address)).not.toThrow();
  });

  it.each([
    ['[::1]', '::1'],
    [' 127.0.0.1 ', '127.0.0.1'],
    ['[fe80::1%lo]', 'fe80::1%lo'],
  ])('normalizes %j', (host, plain) => {
    expect(normalizeHost(host)).toBe(plain);
  });

  it('resolves each distinct host once and keeps literals as they are', async () => {
    const resolved = await resolveHosts(['127.0.0.1', '[::1]', '127.0.0.1', 'localhost']);
    expect([...resolved.keys()]).toEqual(['127.0.0.1', '[::1]', 'localhost']);
    expect(resolved.get('[::1]')).toEqual({ host: '[::1]', address: '::1' });
    expect(resolved.get('localhost')).toMatchObject({ host: 'localhost' });
  });

  it('an IPv4-mapped IPv6 address reaches the IPv4 listener', async () => {
    const l = await tcpListener('127.0.0.1');
    try {
      const o = await probeTcp({
        address: '::ffff:127.0.0.1',
        port: l.port,
        timeoutMs: 2000,
        signal: new AbortController().signal,
      });
      expect(o.state).toBe('open');
    } finally {
      await l.close();
    }
  });
});
