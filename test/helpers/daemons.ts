import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempDir } from './cli.js';

/** True when a program is installed. */
export function has(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;
}

/** A daemon started for one test, stopped with stop(). */
export interface Daemon {
  port: number;
  stop(): Promise<void>;
}

// Stops a child and waits for it.
function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/** net-snmp's snmpd on 127.0.0.1:port, read-only community (default "public"). Extra args go first (ip netns exec). */
export async function startSnmpd(
  port: number,
  address = '127.0.0.1',
  prefix: string[] = [],
  community = 'public',
): Promise<Daemon> {
  const dir = tempDir('snmpd-');
  const conf = path.join(dir, 'snmpd.conf');
  writeFileSync(
    conf,
    `rocommunity ${community} default\nrocommunity6 ${community} default\nsysDescr portmatrix-test-snmpd\n`,
  );
  const argv = [
    ...prefix,
    '/usr/sbin/snmpd',
    '-f',
    '-C',
    '-c',
    conf,
    '-Lf',
    path.join(dir, 'log'),
    '-p',
    path.join(dir, 'pid'),
    `udp${address.includes(':') ? '6' : ''}:${address.includes(':') ? `[${address}]` : address}:${port}`,
  ];
  const child = spawn(argv[0]!, argv.slice(1), {
    env: { ...process.env, SNMP_PERSISTENT_DIR: dir, MIBS: '' },
    stdio: 'ignore',
  });
  await sleep(400);
  return { port, stop: stopper(child) };
}

/** tftpd-hpa serving an empty directory on address:port. */
export async function startTftpd(port: number, address = '127.0.0.1', prefix: string[] = []): Promise<Daemon> {
  const dir = tempDir('tftpd-');
  mkdirSync(dir, { recursive: true });
  const bind = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
  const argv = [...prefix, '/usr/sbin/in.tftpd', '-L', '-a', bind, '-s', dir];
  if (!existsSync('/usr/sbin/in.tftpd')) throw new Error('in.tftpd missing');
  const child = spawn(argv[0]!, argv.slice(1), { stdio: 'ignore' });
  await sleep(300);
  return { port, stop: stopper(child) };
}
