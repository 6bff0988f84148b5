import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CLI, runCli, tempDir } from '../helpers/cli.js';

// Waits until a file exists (a responder under load may take seconds to start).
async function waitFor(file: string, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (existsSync(file)) return true;
  return false;
}

// A responder on one loopback port at a random offset, with a pid file.
function startListen(pidFile: string) {
  const offset = 20000 + Math.floor(Math.random() * 20000);
  const args = ['listen', '--only', '443', '--bind', '127.0.0.1', '--port-offset', String(offset)];
  return spawn(process.execPath, [CLI, ...args, '--duration', '60', '--pid-file', pidFile]);
}

describe('listen --pid-file: "bound and serving" for scripts and Ansible', () => {
  it('is written once bound, names the process, and is removed when SIGTERM stops it', async () => {
    const pidFile = path.join(tempDir(), 'listen.pid');
    const child = startListen(pidFile);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    expect(await waitFor(pidFile, 30000)).toBe(true);
    expect(readFileSync(pidFile, 'utf8')).toBe(`${child.pid}\n`);
    process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
    expect(await exited).toBe(130);
    expect(existsSync(pidFile)).toBe(false);
  }, 60000);

  it('leaves a pid file alone that another responder wrote since', async () => {
    const pidFile = path.join(tempDir(), 'listen.pid');
    const child = startListen(pidFile);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    expect(await waitFor(pidFile, 30000)).toBe(true);
    writeFileSync(pidFile, '999999\n');
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
    expect(readFileSync(pidFile, 'utf8')).toBe('999999\n');
  }, 60000);

  it('a pid file that cannot be written: exit 2, one line naming it', async () => {
    const r = await runCli([
      'listen',
      '--only',
      '443',
      '--bind',
      '127.0.0.1',
      '--port-offset',
      String(20000 + Math.floor(Math.random() * 20000)),
      '--duration',
      '1',
      '--pid-file',
      '/nonexistent/dir/listen.pid',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'portmatrix: --pid-file /nonexistent/dir/listen.pid: cannot write the process id there (ENOENT)',
    );
  }, 60000);
});
