import { describe, expect, it } from 'vitest';
import { parseTargets } from '../../src/serve/target-guard.js';
import { parseListen } from '../../src/serve/listen-address.js';
import { InputError } from '../../src/errors.js';

describe('parseTargets', () => {
  it.each([
    [undefined, '127.0.0.1', true],
    [undefined, '127.255.0.9', true],
    [undefined, '::1', true],
    [undefined, '[::1]', true],
    [undefined, 'localhost', true],
    [undefined, '10.0.0.1', false],
    [undefined, '::2', false],
    [undefined, 'csm01', false],
    [['10.1.2.0/24'], '10.1.2.200', true],
    [['10.1.2.0/24'], '10.1.3.1', false],
    [['10.1.2.0/24'], '127.0.0.1', false],
    [['10.1.2.0/24'], '::ffff:10.1.2.7', true],
    [['2001:db8::/64'], '2001:db8::5', true],
    [['2001:db8::/64'], '2001:db9::5', false],
    [['csm01.example.net'], 'CSM01.example.net', true],
    [['csm01.example.net'], 'csm01.example.net.', true],
    [['csm01.example.net'], 'csm01', false],
    [['10.1.2.0/24', 'csm01'], 'csm01', true],
  ])('--targets %j allows %s: %s', (values, host, allowed) => {
    expect(parseTargets(values).allows(host)).toBe(allowed);
  });

  it.each([
    ['10.1.2.0/33', '--targets "10.1.2.0/33": expected an address or CIDR such as 10.1.2.0/24 or 2001:db8::/64'],
    ['not a host', '--targets "not a host": expected a CIDR (10.1.2.0/24), an address or a host name'],
    ['-x', '--targets "-x": expected a CIDR (10.1.2.0/24), an address or a host name'],
  ])('--targets %s is refused', (value, message) => {
    expect(() => parseTargets([value])).toThrow(new InputError(message));
  });
});

describe('parseListen', () => {
  it.each([
    ['127.0.0.1:9753', { host: '127.0.0.1', port: 9753 }],
    ['[::1]:0', { host: '::1', port: 0 }],
    ['0.0.0.0:9753', { host: '0.0.0.0', port: 9753 }],
  ])('%s', (value, expected) => {
    expect(parseListen(value)).toEqual(expected);
  });

  it.each([
    ['9753', ''],
    ['127.0.0.1', ''],
    ['127.0.0.1:70000', ''],
    ['::1:9753', ''],
    ['[::1]', ''],
    ['127.0.0.1:-1', ''],
    ['csm01:9753', ' ("csm01" is a name; give its address)'],
    ['localhost:0', ' ("localhost" is a name; give its address)'],
    ['[localhost]:80', ' ("localhost" is a name; give its address)'],
  ])('%s is refused', (value, name) => {
    expect(() => parseListen(value)).toThrow(
      `--listen "${value}": expected ADDRESS:PORT with an IP address, e.g. 127.0.0.1:9753 or [::1]:9753 ` +
        `(port 0: any free port)${name}`,
    );
  });
});
