import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { hasProcNetHeader, parseProcNet } from './proc-net.js';
import { unixDrawsUnicode } from './unicode-console.js';
import type { ListeningSocket, Platform, SocketTable } from './types.js';

// Reads a file, or "" when it is not there.
function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

// socket inode -> { pid, command } from /proc/*/fd (needs root for other users' processes).
function socketOwners(): Map<string, { pid: number; process: string }> {
  const owners = new Map<string, { pid: number; process: string }>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return owners;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    const command = read(`/proc/${pid}/comm`).trim();
    for (const fd of fds) {
      let link: string;
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m && !owners.has(m[1]!)) owners.set(m[1]!, { pid: Number(pid), process: command });
    }
  }
  return owners;
}

const PROC_NET = [
  ['/proc/net/tcp', 'tcp'],
  ['/proc/net/tcp6', 'tcp'],
  ['/proc/net/udp', 'udp'],
  ['/proc/net/udp6', 'udp'],
] as const;

/**
 * Reads the socket table from /proc/net (reader: how to read a file, for tests). The IPv6 files may be
 * absent (IPv6 disabled); any other file that cannot be read, or does not look like /proc/net, makes the
 * table untrustworthy.
 */
export function readProcNetTable(reader: (file: string) => string = (f) => readFileSync(f, 'utf8')): SocketTable {
  const sockets: Array<ListeningSocket & { inode: string }> = [];
  for (const [file, protocol] of PROC_NET) {
    let text: string;
    try {
      text = reader(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      if (code === 'ENOENT' && file.endsWith('6')) continue;
      return { ok: false, why: `${file} cannot be read (${code})` };
    }
    if (!hasProcNetHeader(text)) return { ok: false, why: `${file} is not in the format of /proc/net` };
    sockets.push(...parseProcNet(text, protocol));
  }
  const owners = socketOwners();
  return {
    ok: true,
    source: '/proc/net',
    sockets: sockets.map(({ inode, ...s }) => ({ ...s, ...owners.get(inode) })),
  };
}

/** Parses "Max open files" from /proc/self/limits. */
export function parseOpenFileLimit(limits: string): number | undefined {
  const m = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
  return m && m[1] !== 'unlimited' ? Number(m[1]) : undefined;
}

/** Linux: /proc/net and /proc/PID/fd. */
export const linuxPlatform: Platform = {
  name: 'linux',
  listeningSockets: async () => readProcNetTable(),
  openFileLimit: () => parseOpenFileLimit(read('/proc/self/limits')),
  privilegeHint: (port) =>
    `port ${port} is below 1024: run as root, grant CAP_NET_BIND_SERVICE ` +
    '(setcap cap_net_bind_service=+ep "$(command -v node)"), or use --port-offset',
  bindDenied: (port, protocol) => `binding ${protocol}/${port} needs privileges here (run audit as root)`,
  drawsUnicode: unixDrawsUnicode,
  posixFileModes: true,
  stopSignals: ['SIGINT', 'SIGTERM'],
};
