import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseNetstat, parseTasklist } from './netstat.js';
import type { ListeningSocket, Platform } from './types.js';

const run = promisify(execFile);

// Runs a command, returning its output or "" when it fails.
async function output(cmd: string, args: string[]): Promise<string> {
  try {
    return (await run(cmd, args, { windowsHide: true, maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch {
    return '';
  }
}

/** Windows: `netstat -ano` for the sockets, `tasklist` for the process names. */
export const windowsPlatform: Platform = {
  name: 'windows',
  async listeningSockets(): Promise<ListeningSocket[]> {
    const [netstat, tasks] = await Promise.all([
      output('netstat', ['-ano']),
      output('tasklist', ['/fo', 'csv', '/nh']),
    ]);
    const names = parseTasklist(tasks);
    return parseNetstat(netstat).map((s) => ({ ...s, process: s.pid !== undefined ? names.get(s.pid) : undefined }));
  },
  openFileLimit: () => undefined,
  privilegeHint: (port) => `port ${port} needs privileges here: run from an elevated prompt, or use --port-offset`,
  stopSignals: ['SIGINT', 'SIGTERM', 'SIGBREAK'],
};
