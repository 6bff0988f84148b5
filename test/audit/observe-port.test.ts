import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { bindTest, type BindResult } from '../../src/audit/bind-test.js';
import { portObserver } from '../../src/audit/observe-port.js';
import type { ProbeSpec } from '../../src/plan/types.js';
import type { SocketTable } from '../../src/platform/types.js';
import { closedPort, tcpListener } from '../helpers/sockets.js';

const CONFLICT = 'it conflicts with the product; stop or move that program before installing';

// A probe of the audit's plan for one port.
const probe = (protocol: 'tcp' | 'udp', port: number) =>
  ({ key: `${protocol}|${port}`, host: 'h', protocol, port, probedPort: port }) as unknown as ProbeSpec;

const held: SocketTable = {
  ok: true,
  source: 'netstat -ano',
  sockets: [{ protocol: 'tcp', address: '0.0.0.0', port: 1741, pid: 3120, process: 'cwjava.exe' }],
};

describe('audit: which method sees the sockets', () => {
  it.each<[string, SocketTable, string, string | undefined]>([
    ['a readable list with sockets', held, 'socket-table', undefined],
    [
      'an unreadable list',
      { ok: false, why: 'netstat -ano failed (ENOENT)' },
      'bind-test',
      'netstat -ano failed (ENOENT)',
    ],
    [
      'a list without PIDs',
      { ok: false, why: 'netstat -ano printed no PID column' },
      'bind-test',
      'netstat -ano printed no PID column',
    ],
    ['an empty list', { ok: true, source: '/proc/net', sockets: [] }, 'bind-test', '/proc/net listed no socket at all'],
  ])('%s -> %s', (_, table, method, why) => {
    const o = portObserver(table);
    expect(o.method).toBe(method);
    expect(o.why).toBe(why);
  });

  it('socket-table: a listed port is taken, by its program; an unlisted one is free', async () => {
    const o = portObserver(held);
    expect(await o.observe(probe('tcp', 1741), 'free')).toMatchObject({
      state: 'listening',
      process: 'cwjava.exe (pid 3120)',
      reason: 'tcp/1741 is already in use by cwjava.exe (pid 3120): ' + CONFLICT,
    });
    expect(await o.observe(probe('tcp', 443), 'free')).toMatchObject({ state: 'free', reason: 'free' });
  });

  it.each<[string, string, string]>([
    ['127.0.0.1', 'listening', 'listening only on 127.0.0.1 (pid 7): clients cannot reach it'],
    ['127.1.2.3', 'listening', 'listening only on 127.1.2.3 (pid 7): clients cannot reach it'],
    ['::1', 'listening', 'listening only on ::1 (pid 7): clients cannot reach it'],
    ['::ffff:127.0.0.1', 'listening', 'listening only on ::ffff:127.0.0.1 (pid 7): clients cannot reach it'],
    ['0.0.0.0', 'listening', 'listening on 0.0.0.0 (pid 7)'],
    ['::', 'listening', 'listening on :: (pid 7)'],
    ['192.0.2.10', 'listening', 'listening on 192.0.2.10 (pid 7)'],
    [
      '127.0.0.1',
      'free',
      'tcp/1741 is already in use by pid 7: it conflicts with the product; stop or move that program before installing',
    ],
  ])('socket-table: a listener on %s with --expect %s', async (address, expectation, reason) => {
    const o = portObserver({
      ok: true,
      source: '/proc/net',
      sockets: [{ protocol: 'tcp', address, port: 1741, pid: 7 }],
    });
    const got = await o.observe(probe('tcp', 1741), expectation as 'free' | 'listening');
    expect(got).toMatchObject({ state: 'listening', reason });
    expect(got.unreachable).toBe(expectation === 'listening' && reason.includes('only') ? true : undefined);
  });

  // --address: the address clients use; a port only on other specific addresses is out of their reach.
  it.each<[string, string, boolean]>([
    [
      '192.0.2.11',
      'listening only on 192.0.2.11 (pid 7): not on 192.0.2.10, the address clients use: they cannot reach it',
      true,
    ],
    ['192.0.2.10', 'listening on 192.0.2.10 (pid 7)', false],
    ['::ffff:192.0.2.10', 'listening on ::ffff:192.0.2.10 (pid 7)', false],
    ['0.0.0.0', 'listening on 0.0.0.0 (pid 7)', false],
    ['::', 'listening on :: (pid 7)', false],
    ['127.0.0.1', 'listening only on 127.0.0.1 (pid 7): clients cannot reach it', true],
  ])('socket-table, --address 192.0.2.10: a listener on %s', async (address, reason, unreachable) => {
    const sockets = [{ protocol: 'tcp' as const, address, port: 1741, pid: 7 }];
    const o = portObserver({ ok: true, source: '/proc/net', sockets }, undefined, '192.0.2.10');
    const got = await o.observe(probe('tcp', 1741), 'listening');
    expect([got.reason, got.unreachable === true]).toEqual([reason, unreachable]);
  });

  it('socket-table: loopback and a reachable address together are listening for clients', async () => {
    const sockets = [
      { protocol: 'tcp' as const, address: '127.0.0.1', port: 1741, pid: 7 },
      { protocol: 'tcp' as const, address: '0.0.0.0', port: 1741, pid: 7 },
    ];
    const got = await portObserver({ ok: true, source: '/proc/net', sockets }).observe(probe('tcp', 1741), 'listening');
    expect(got).toMatchObject({ state: 'listening', reason: 'listening on 127.0.0.1, 0.0.0.0 (pid 7)' });
    expect(got.unreachable).toBeUndefined();
  });

  it.each<[BindResult, string, string]>([
    [{ state: 'taken' }, 'listening', `tcp/1741 is already in use: ${CONFLICT} (a bind test found it taken)`],
    [{ state: 'free' }, 'free', 'free'],
    [
      { state: 'unknown', why: 'binding tcp/1741 needs privileges here' },
      'unknown',
      'binding tcp/1741 needs privileges here: cannot tell whether it is free',
    ],
  ])('bind-test %j -> %s', async (result, state, reason) => {
    const o = portObserver({ ok: false, why: 'x' }, async () => result);
    expect(await o.observe(probe('tcp', 1741), 'free')).toMatchObject({ state, reason });
  });
});

describe('bind test on real sockets', () => {
  it('a TCP port held on 127.0.0.1 by a listener is taken', async () => {
    const l = await tcpListener('127.0.0.1');
    try {
      expect(await bindTest('tcp', l.port)).toEqual({ state: 'taken' });
    } finally {
      await l.close();
    }
  });

  it('a TCP port held only on ::1 is taken (IPv6 is tested too)', async () => {
    const l = await tcpListener('::1');
    try {
      expect(await bindTest('tcp', l.port)).toEqual({ state: 'taken' });
    } finally {
      await l.close();
    }
  });

  it('a bound UDP port is taken', async () => {
    const s = dgram.createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
    try {
      expect(await bindTest('udp', s.address().port)).toEqual({ state: 'taken' });
    } finally {
      s.close();
    }
  });

  it.each(['tcp', 'udp'] as const)('a %s port nothing holds is free, and is let go again', async (protocol) => {
    const port = await closedPort(protocol);
    expect(await bindTest(protocol, port)).toEqual({ state: 'free' });
    expect(await bindTest(protocol, port)).toEqual({ state: 'free' });
  });
});
