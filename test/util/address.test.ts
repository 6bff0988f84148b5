import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, plainAddress, unmapAddress } from '../../src/util/address.js';

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
