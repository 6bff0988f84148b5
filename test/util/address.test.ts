import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ipVersion, isIPv6Address, isLoopbackAddress, plainAddress, unmapAddress } from '../../src/util/address.js';

describe('one address normalizer', () => {
  it.each([
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::FFFF:10.0.0.1', '10.0.0.1'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::ffff:0.0.0.0', '0.0.0.0'],
    ['192.0.2.1', '192.0.2.1'],
    ['::1', '::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['::ffff:999.0.0.1', '::ffff:999.0.0.1'],
    ['::ffff:c000:201', '::ffff:c000:201'],
    ['::ffff:10.0.0.1%eth0', '::ffff:10.0.0.1%eth0'],
    ['csm01.example', 'csm01.example'],
    ['', ''],
  ])('unmapAddress(%j) is %j', (address, expected) => {
    expect(unmapAddress(address)).toBe(expected);
  });

  it.each([
    ['FE80::1%eth0', 'fe80::1'],
    ['::ffff:10.0.0.1%2', '10.0.0.1'],
    ['::FFFF:10.0.0.1', '10.0.0.1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['10.0.0.1', '10.0.0.1'],
  ])('plainAddress(%j) is %j', (address, expected) => {
    expect(plainAddress(address)).toBe(expected);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['::FFFF:127.1.2.3', true],
    ['::1%lo', true],
    ['128.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['::2', false],
    ['fe80::1%eth0', false],
    ['0.0.0.0', false],
    ['::', false],
    ['localhost', false],
  ])('isLoopbackAddress(%j) is %j', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});

describe('ipVersion and isIPv6Address answer as net.isIP and net.isIPv6', () => {
  it.each([
    ['127.0.0.1', 4],
    ['10.0.0.255', 4],
    ['256.1.1.1', 0],
    ['::1', 6],
    ['::', 6],
    ['::ffff:127.0.0.1', 6],
    ['fe80::1%eth0', 6],
    ['2001:db8::1', 6],
    ['[::1]', 0],
    ['1:2:3:4:5:6:7:8:9', 0],
    ['localhost', 0],
    ['host.example', 0],
    ['', 0],
    ['127.0.0.1:80', 0],
  ] as const)('%s -> %i', (text, version) => {
    expect(ipVersion(text)).toBe(version);
    expect(ipVersion(text)).toBe(net.isIP(text));
    expect(isIPv6Address(text)).toBe(net.isIPv6(text));
  });
});
