import { promisify } from 'node:util';
import { parseTasklist, readNetstat } from './netstat.js';
import { windowsDrawsUnicode } from './unicode-console.js';
import type { Platform, SocketTable } from './types.js';

// node:child_process is loaded when a command first needs it (audit on Windows), not at start-up.
const run = async (cmd: string, args: string[], opts: object) =>
  promisify((await import('node:child_process')).execFile)(cmd, args, opts);

// Runs a command: its output, or why it failed.
async function output(cmd: string, args: string[]): Promise<{ stdout: string } | { why: string }> {
  try {
    return { stdout: (await run(cmd, args, { windowsHide: true, maxBuffer: 16 * 1024 * 1024 })).stdout };
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { code?: string | number };
    return { why: `${cmd} ${args.join(' ')} failed (${e.code ?? 'error'})` };
  }
}

/** Windows: `netstat -ano` for the sockets, `tasklist` for the process names. */
// The command that lists the port ranges Windows reserves (Hyper-V, WinNAT): binding in them is access denied.
const reservedRanges = (protocol: 'tcp' | 'udp') => `netsh interface ipv4 show excludedportrange protocol=${protocol}`;

export const windowsPlatform: Platform = {
  name: 'windows',
  async listeningSockets(): Promise<SocketTable> {
    const [netstat, tasks] = await Promise.all([
      output('netstat', ['-ano']),
      output('tasklist', ['/fo', 'csv', '/nh']),
    ]);
    if ('why' in netstat) return { ok: false, why: netstat.why };
    const table = readNetstat(netstat.stdout);
    if (!table.ok) return table;
    const names = parseTasklist('stdout' in tasks ? tasks.stdout : '');
    const sockets = table.sockets.map((s) => ({ ...s, process: s.pid !== undefined ? names.get(s.pid) : undefined }));
    return { ...table, sockets };
  },
  openFileLimit: () => undefined,
  // Windows lets any user bind any port: access denied is a range it reserves (Hyper-V, WinNAT) or an exclusive holder.
  privilegeHint: (port, protocol) =>
    `port ${port} is refused (access denied): Windows reserves it (\`${reservedRanges(protocol)}\` lists the ` +
    'ranges) or another program holds it exclusively (`portmatrix audit --expect free` names it); use --port-offset',
  bindDenied: (port, protocol) =>
    `binding ${protocol}/${port} was refused (access denied): Windows reserves it (\`${reservedRanges(protocol)}\`) ` +
    'or a program holds it exclusively',
  drawsUnicode: windowsDrawsUnicode,
  posixFileModes: false,
  stopSignals: ['SIGINT', 'SIGTERM', 'SIGBREAK'],
};
