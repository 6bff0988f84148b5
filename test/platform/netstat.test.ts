import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNetstat, parseTasklist, readNetstat, splitEndpoint } from '../../src/platform/netstat.js';
import { ROOT } from '../helpers/cli.js';

const netstat = readFileSync(path.join(ROOT, 'test/fixtures/netstat-ano.txt'), 'utf8');
const tasklist = readFileSync(path.join(ROOT, 'test/fixtures/tasklist.csv'), 'utf8');
// Captured from Wine 8.0's netstat -ano while a Linux process listened: no PID column, no LISTENING line.
const wine = readFileSync(path.join(ROOT, 'test/fixtures/netstat-wine.txt'), 'utf8');
const HEADER = '  Proto  Local Address          Foreign Address        State           PID\r\n';

describe('Windows netstat -ano parser (captured text)', () => {
  it('keeps LISTENING TCP sockets and every UDP socket, with their PIDs', () => {
    expect(parseNetstat(netstat)).toEqual([
      { protocol: 'tcp', address: '0.0.0.0', port: 80, pid: 4 },
      { protocol: 'tcp', address: '0.0.0.0', port: 135, pid: 912 },
      { protocol: 'tcp', address: '0.0.0.0', port: 443, pid: 4 },
      { protocol: 'tcp', address: '0.0.0.0', port: 1741, pid: 3120 },
      { protocol: 'tcp', address: '10.1.2.3', port: 139, pid: 4 },
      { protocol: 'tcp', address: '127.0.0.1', port: 42340, pid: 2764 },
      { protocol: 'tcp', address: '::', port: 80, pid: 4 },
      { protocol: 'tcp', address: '::', port: 43441, pid: 3388 },
      { protocol: 'tcp', address: 'fe80::1%4', port: 5357, pid: 4 },
      { protocol: 'udp', address: '0.0.0.0', port: 161, pid: 2216 },
      { protocol: 'udp', address: '0.0.0.0', port: 49514, pid: 2904 },
      { protocol: 'udp', address: '::', port: 42342, pid: 2764 },
      { protocol: 'udp', address: 'fe80::1%4', port: 1900, pid: 3012 },
    ]);
  });

  it('recognises the Japanese state name', () => {
    expect(parseNetstat('  TCP    0.0.0.0:443    0.0.0.0:0    待ち受け中    4\r\n')).toEqual([
      { protocol: 'tcp', address: '0.0.0.0', port: 443, pid: 4 },
    ]);
  });

  it.each([
    ['0.0.0.0:80', ['0.0.0.0', 80]],
    ['[::]:443', ['::', 443]],
    ['[fe80::1%4]:135', ['fe80::1%4', 135]],
    ['*:*', undefined],
  ])('splits endpoint %s', (text, parts) => {
    expect(splitEndpoint(text)).toEqual(parts);
  });

  it('maps PIDs to image names from tasklist /fo csv /nh', () => {
    const names = parseTasklist(tasklist);
    expect(names.get(4)).toBe('System');
    expect(names.get(3120)).toBe('cwjava.exe');
    expect(names.size).toBe(7);
  });

  it.each<[string, string, string]>([
    ["Wine's netstat (no PID column)", wine, 'netstat -ano printed no PID column'],
    ['no output at all', '', 'netstat -ano printed no PID column'],
    [
      'a state name in a language not known here',
      `${HEADER}  TCP    0.0.0.0:135    0.0.0.0:0    ABHÖREN    912\r\n`,
      'netstat -ano listed no listening TCP socket in a format or language known here',
    ],
    [
      'a header and nothing else',
      HEADER,
      'netstat -ano listed no listening TCP socket in a format or language known here',
    ],
  ])('does not trust %s', (_, text, why) => {
    expect(readNetstat(text)).toEqual({ ok: false, why });
  });

  it('trusts a real Windows listing', () => {
    expect(readNetstat(netstat)).toEqual({ ok: true, source: 'netstat -ano', sockets: parseNetstat(netstat) });
  });
});
