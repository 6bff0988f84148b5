import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDir } from '../helpers/cli.js';
import { countingListener, isolatedLoopback } from '../helpers/sockets.js';

// A usage error must stop a command before it binds, probes or writes (#19.1). Each case runs the real CLI in
// an empty directory, with a real socket where the command would act: a listener at the address `check` would
// probe and `matrix` would reach an agent at (it counts connections), and a client that keeps connecting to the
// port `listen`, `agent` and `serve` would bind. The same command lines without the error (the controls) are
// seen acting, so each observation can see what it looks for.

// A command left running past this is reported as killed: longer than any start-up, far shorter than --duration.
const LIMIT_MS = 20_000;
const DURATION = '600';
const TOKEN = 'ab'.repeat(32);

interface Observed {
  code: number | null;
  killed: boolean;
  stdout: string;
  stderr: string;
  /** Connections that reached the port the command would bind. */
  connected: number;
  /** Files the command left in its working directory. */
  files: string[];
}

// Keeps connecting to PORT on 127.0.0.1 until `done`, counting in `seen` the connections that succeeded.
async function connectLoop(port: number, done: () => boolean, seen: { connected: number }): Promise<void> {
  while (!done()) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => resolve(true));
      s.on('error', () => resolve(false));
      s.on('connect', () => s.destroy());
    });
    if (ok) seen.connected++;
    await sleep(20);
  }
}

// Runs the CLI in `cwd` while watching `bindPort`; a control (`until`) is stopped once it was seen acting.
async function observe(args: string[], cwd: string, bindPort?: number, until?: () => boolean): Promise<Observed> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  let exited = false;
  let killed = false;
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  const seen = { connected: 0 };
  const watch = bindPort === undefined ? Promise.resolve() : connectLoop(bindPort, () => exited, seen);
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, LIMIT_MS);
  const stopper = setInterval(() => {
    if (until && (until() || seen.connected > 0)) child.kill('SIGTERM');
  }, 25);
  const code = await exit;
  clearTimeout(timer);
  clearInterval(stopper);
  await watch;
  return { code, killed, stdout, stderr, connected: seen.connected, files: readdirSync(cwd).sort() };
}

// A port free on 127.0.0.1 right now (bound, then released).
async function freePort(): Promise<number> {
  const l = await countingListener();
  await l.close();
  return l.port;
}

type Kind = 'unknown option' | 'bad choice' | 'bad number' | 'conflicting options' | 'bad value';
interface Case {
  command: string;
  kind: Kind;
  error: string[];
  message: RegExp;
}

const CASES: Case[] = [
  {
    command: 'check',
    kind: 'unknown option',
    error: ['--tokn', 'abc'],
    message: /^portmatrix: unknown option --tokn\n/,
  },
  {
    command: 'check',
    kind: 'bad choice',
    error: ['--direction', 'sideways'],
    message: /^portmatrix: --direction sideways: expected one of inbound, outbound, both\n/,
  },
  { command: 'check', kind: 'bad number', error: ['--timeout', 'abc'], message: /--timeout abc: expected a whole/ },
  { command: 'check', kind: 'conflicting options', error: ['--token', TOKEN], message: /--token and --token-file/ },
  { command: 'listen', kind: 'unknown option', error: ['--bogus'], message: /^portmatrix: unknown option --bogus\n/ },
  {
    command: 'listen',
    kind: 'bad choice',
    error: ['--direction', 'sideways'],
    message: /^portmatrix: --direction sideways: expected one of inbound, outbound, both\n/,
  },
  { command: 'listen', kind: 'bad number', error: ['--duration', 'abc'], message: /--duration abc: expected/ },
  { command: 'listen', kind: 'conflicting options', error: ['--token', TOKEN], message: /--token and --token-file/ },
  { command: 'audit', kind: 'unknown option', error: ['--bogus'], message: /^portmatrix: unknown option --bogus\n/ },
  {
    command: 'audit',
    kind: 'bad choice',
    error: ['--expect', 'maybe'],
    message: /^portmatrix: --expect maybe: expected one of free, listening\n/,
  },
  { command: 'audit', kind: 'bad number', error: ['--port-offset', 'abc'], message: /--port-offset abc: expected/ },
  { command: 'agent', kind: 'unknown option', error: ['--bogus'], message: /^portmatrix: unknown option --bogus\n/ },
  { command: 'agent', kind: 'bad number', error: ['--control', 'abc'], message: /--control abc: expected/ },
  { command: 'agent', kind: 'conflicting options', error: ['--token', TOKEN], message: /--token and --token-file/ },
  { command: 'matrix', kind: 'unknown option', error: ['--bogus'], message: /^portmatrix: unknown option --bogus\n/ },
  {
    command: 'matrix',
    kind: 'bad choice',
    error: ['--direction', 'sideways'],
    message: /^portmatrix: --direction sideways: expected one of inbound, outbound, both\n/,
  },
  { command: 'matrix', kind: 'bad number', error: ['--timeout', 'abc'], message: /--timeout abc: expected/ },
  { command: 'matrix', kind: 'conflicting options', error: ['--token', TOKEN], message: /--token and --token-file/ },
  { command: 'serve', kind: 'unknown option', error: ['--bogus'], message: /^portmatrix: unknown option --bogus\n/ },
  { command: 'serve', kind: 'bad number', error: ['--min-interval', 'abc'], message: /--min-interval abc: expected/ },
  { command: 'serve', kind: 'conflicting options', error: ['--token', TOKEN], message: /--token and --token-file/ },
  { command: 'merge', kind: 'unknown option', error: ['--bogus'], message: /^portmatrix: unknown option --bogus\n/ },
  {
    command: 'merge',
    kind: 'bad choice',
    error: ['--format', 'pdf'],
    message: /^portmatrix: --format pdf: expected one of table, json, junit, csv, markdown, html\n/,
  },
  { command: 'merge', kind: 'bad number', error: ['--width', 'abc'], message: /--width abc: expected/ },
  { command: 'rules', kind: 'unknown option', error: ['--bogus'], message: /^portmatrix: unknown option --bogus\n/ },
  {
    command: 'rules',
    kind: 'bad choice',
    error: ['--dialect', 'pf'],
    message: /^portmatrix: --dialect pf: expected one of nftables, iptables, windows, asa\n/,
  },
  { command: 'rules', kind: 'bad value', error: ['--peer', 'client=pc01'], message: /expected an IP address or CIDR/ },
  { command: 'ports', kind: 'unknown option', error: ['--bogus'], message: /^portmatrix: unknown option --bogus\n/ },
  {
    command: 'ports',
    kind: 'bad choice',
    error: ['--protocol', 'sctp'],
    message: /^portmatrix: --protocol sctp: expected one of tcp, udp\n/,
  },
  { command: 'ports', kind: 'bad number', error: ['--width', 'abc'], message: /--width abc: expected/ },
  { command: 'token', kind: 'unknown option', error: ['--bogus'], message: /^portmatrix: unknown option --bogus\n/ },
  { command: 'token', kind: 'bad value', error: ['extra'], message: /^portmatrix: unexpected argument extra\n/ },
];

describe('a usage error exits 2 before anything is bound, probed or written (#19.1)', () => {
  let target: Awaited<ReturnType<typeof countingListener>>;
  // Where check probes and matrix's agents would be: an address no other test's probes reach.
  const host = isolatedLoopback();
  let bindPort: number;
  let shared: string;
  let report: string;
  let tokenFile: string;

  // Each command as the docs run it, acting on `target` or `bindPort`, writing into its working directory.
  const base = (command: string): string[] => {
    const out = ['--output', 'out.json', '--format', 'json'];
    const tok = ['--token-file', tokenFile];
    const bases: Record<string, string[]> = {
      check: ['check', host, '--only', '443', '--port-offset', String(target.port - 443), ...tok, ...out],
      listen: ['listen', '--only', '1741', '--port-offset', String(bindPort - 1741), '--bind', '127.0.0.1'],
      audit: ['audit', '--only', '1741', ...out],
      agent: ['agent', '--control', String(bindPort), '--bind', '127.0.0.1', ...tok, '--duration', DURATION],
      matrix: ['matrix', '--server', host, '--client', host, '--control', String(target.port), ...tok],
      serve: ['serve', '--listen', `127.0.0.1:${bindPort}`, ...tok],
      merge: ['merge', report, ...out],
      rules: ['rules', report, '--dialect', 'nftables', '--output', 'rules.txt'],
      ports: ['ports', ...out],
      token: ['token'],
    };
    const more: Record<string, string[]> = {
      listen: [...tok, '--duration', DURATION, '--pid-file', 'listen.pid', ...out],
      matrix: out,
    };
    return [...bases[command]!, ...(more[command] ?? [])];
  };
  const binds = (command: string) => ['listen', 'agent', 'serve'].includes(command);

  beforeAll(async () => {
    target = await countingListener(0, host);
    bindPort = await freePort();
    shared = tempDir();
    tokenFile = path.join(shared, 'token');
    writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
    report = path.join(shared, 'report.json');
    copyFileSync(path.join(ROOT, 'test', 'fixtures', 'first-run-report.json'), report);
  });
  afterAll(() => target?.close());

  it.each(CASES.map((c) => [c.command, c.kind, c.error.join(' ').replace(TOKEN, 'SECRET'), c] as const))(
    '%s, %s (%s)',
    async (command, _kind, _error, c) => {
      const before = target.accepted();
      const cwd = tempDir();
      const r = await observe([...base(command), ...c.error], cwd, binds(command) ? bindPort : undefined);
      expect({ code: r.code, killed: r.killed, stdout: r.stdout }).toEqual({ code: 2, killed: false, stdout: '' });
      expect(r.stderr).toMatch(c.message);
      expect(r.files).toEqual([]);
      expect(r.connected).toBe(0);
      expect(target.accepted()).toBe(before);
    },
  );

  // Controls: without the error, each command is seen doing what the cases above prove it did not do.
  it.each([
    ['check', 'probed'],
    ['listen', 'bound'],
    ['audit', 'wrote'],
    ['agent', 'bound'],
    ['matrix', 'probed'],
    ['serve', 'bound'],
    ['merge', 'wrote'],
    ['rules', 'wrote'],
    ['ports', 'wrote'],
    ['token', 'printed'],
  ] as const)('control: %s without the error is seen to have %s', async (command, what) => {
    const before = target.accepted();
    const cwd = tempDir();
    const seen = () => target.accepted() > before || readdirSync(cwd).length > 0;
    const r = await observe(base(command), cwd, binds(command) ? bindPort : undefined, seen);
    const acted = {
      probed: target.accepted() > before,
      bound: r.connected > 0,
      wrote: r.files.length > 0,
      printed: r.stdout !== '',
    };
    expect(r.killed).toBe(false);
    expect(acted[what], `exit ${r.code}: ${r.stderr}`).toBe(true);
  });
});
