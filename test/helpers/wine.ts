import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT, tempDir } from './cli.js';

const WINE_DIRS = ['/usr/lib/wine', '/usr/lib64/wine', '/opt/wine-stable/bin'];

// A program on the PATH, or in Debian's private wine directory (its wine64 package has no /usr/bin entry).
function findProgram(names: string[]): string | undefined {
  for (const name of names) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
    for (const dir of WINE_DIRS) if (existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** wine64, or undefined when Wine is not installed. */
export const WINE = findProgram(['wine64']);
const WINESERVER = findProgram(['wineserver', 'wineserver64']);

/** The Windows executable under test, and the Wine prefix it runs in. */
export interface WineBox {
  exe: string;
  env: NodeJS.ProcessEnv;
}

/** Builds the Windows executable with `npm run package`'s script, once, into a temporary folder. */
export function buildWindowsExe(): string {
  const out = tempDir('portmatrix-sea-');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), '--only', 'win-x64', '--out', out], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 300000,
  });
  return path.join(out, 'portmatrix-win-x64.exe');
}

/** A Wine prefix set to Windows 10, made once under node_modules/.cache and reused by later runs. */
export function winePrefix(): NodeJS.ProcessEnv {
  const cache = path.join(ROOT, 'node_modules', '.cache', 'portmatrix-wine');
  const prefix = path.join(cache, 'prefix');
  const base = { ...process.env, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
  if (!existsSync(path.join(prefix, 'system.reg'))) {
    mkdirSync(cache, { recursive: true });
    const fresh = path.join(cache, `prefix.${process.pid}`);
    execFileSync(WINE!, ['winecfg', '-v', 'win10'], {
      env: { ...base, WINEPREFIX: fresh },
      stdio: 'ignore',
      timeout: 180000,
    });
    stopWineserver({ ...base, WINEPREFIX: fresh });
    if (existsSync(path.join(prefix, 'system.reg'))) rmSync(fresh, { recursive: true, force: true });
    else {
      rmSync(prefix, { recursive: true, force: true });
      renameSync(fresh, prefix);
    }
  }
  return { ...base, WINEPREFIX: prefix };
}

/** Ends the wineserver of this prefix (and the Windows processes still in it). */
export function stopWineserver(env: NodeJS.ProcessEnv): void {
  if (WINESERVER) spawnSync(WINESERVER, ['-k'], { env, stdio: 'ignore', timeout: 30000 });
}

/** A Windows process under Wine; its stdout and stderr go to files (Wine cannot hand node.exe a pipe). */
export interface WineProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts the executable under Wine with stdout and stderr redirected to files. */
export function wineSpawn(box: WineBox, args: string[], cwd = tempDir('portmatrix-wine-')): WineProcess {
  const out = path.join(cwd, 'stdout.txt');
  const err = path.join(cwd, 'stderr.txt');
  const fds = [openSync(out, 'w'), openSync(err, 'w')];
  const child = spawn(WINE!, [box.exe, ...args], { cwd, env: box.env, stdio: ['ignore', fds[0], fds[1]] });
  for (const fd of fds) closeSync(fd);
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stdout: () => read(out), stderr: () => read(err), exited };
}

/** Runs the executable under Wine to the end. */
export async function wineRun(
  box: WineBox,
  args: string[],
  timeoutMs = 120000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = wineSpawn(box, args);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), timeoutMs);
  const code = await p.exited;
  clearTimeout(timer);
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

/** Starts the executable under Wine and waits until its output matches `ready`. */
export async function wineStart(box: WineBox, args: string[], ready: RegExp, timeoutMs = 90000): Promise<WineProcess> {
  const p = wineSpawn(box, args);
  let done = false;
  void p.exited.then(() => {
    done = true;
  });
  const t0 = Date.now();
  while (!ready.test(p.stdout() + p.stderr())) {
    if (done || Date.now() - t0 > timeoutMs) {
      p.child.kill('SIGKILL');
      throw new Error(`under Wine, ${args[0]} never got ready: ${p.stdout()}${p.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return p;
}
