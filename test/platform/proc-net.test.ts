import { describe, expect, it } from 'vitest';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { decodeProcAddress, parseProcNet } from '../../src/platform/proc-net.js';
import { parseOpenFileLimit, linuxPlatform, readProcNetTable } from '../../src/platform/linux.js';
import { currentPlatform } from '../../src/platform/index.js';

// /proc/net/tcp as the kernel writes it (each row's columns split in two here only to keep lines short).
const TCP = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 ' +
    '1 0000000000000000 100 0 0 10 0',
  '   1: 0100007F:A1B2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 22222 ' +
    '1 0000000000000000 20 4 30 10 -1',
  '',
].join('\n');

describe('/proc/net parser', () => {
  it.each([
    ['0100007F', '127.0.0.1'],
    ['00000000', '0.0.0.0'],
    ['00000000000000000000000001000000', '::1'],
    ['00000000000000000000000000000000', '::'],
    ['0000000000000000FFFF00000100007F', '::ffff:127.0.0.1'],
    ['B80D0120000000000000000001000000', '2001:db8::1'],
  ])('decodes %s as %s', (hex, text) => {
    expect(decodeProcAddress(hex)).toBe(text);
  });

  it('keeps LISTEN sockets only, with their inode', () => {
    expect(parseProcNet(TCP, 'tcp')).toEqual([{ protocol: 'tcp', address: '127.0.0.1', port: 8080, inode: '12345' }]);
  });

  it('reads the open-file limit', () => {
    expect(parseOpenFileLimit('Max open files            1024                 524288               files\n')).toBe(
      1024,
    );
    expect(
      parseOpenFileLimit('Max open files            unlimited            unlimited            files\n'),
    ).toBeUndefined();
  });

  it('picks the platform module by OS', () => {
    expect(currentPlatform('linux').name).toBe('linux');
    expect(currentPlatform('win32').name).toBe('windows');
    expect(currentPlatform('darwin').name).toBe('other');
  });

  it.runIf(process.platform === 'linux' && readFileSync('/proc/net/tcp', 'utf8').length > 0)(
    'finds a real listener and its process on this machine',
    async () => {
      const server = net.createServer();
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as net.AddressInfo).port;
      try {
        const table = await linuxPlatform.listeningSockets();
        if (!table.ok) throw new Error(table.why);
        const found = table.sockets.find((s) => s.protocol === 'tcp' && s.port === port);
        expect(found).toMatchObject({ address: '127.0.0.1', pid: process.pid });
      } finally {
        server.close();
      }
    },
  );
});

describe('reading /proc/net fails safe', () => {
  const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
  const errno = (code: string) => Object.assign(new Error(code), { code });
  it.each<[string, (f: string) => string, string | undefined]>([
    ['every file readable', () => header, undefined],
    [
      'IPv6 disabled (no tcp6, udp6)',
      (f) => {
        if (f.endsWith('6')) throw errno('ENOENT');
        return header;
      },
      undefined,
    ],
    [
      '/proc/net/tcp unreadable',
      (f) => {
        if (f === '/proc/net/tcp') throw errno('EACCES');
        return header;
      },
      '/proc/net/tcp cannot be read (EACCES)',
    ],
    ['a format not known here', () => 'garbage\n', '/proc/net/tcp is not in the format of /proc/net'],
  ])('%s', (_, reader, why) => {
    const table = readProcNetTable(reader);
    expect(table.ok ? undefined : table.why).toBe(why);
  });
});
