// Shared by the benchmarks: run a command, time it, read its peak RSS, describe the machine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(ROOT, 'dist', 'portmatrix.cjs');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** nmap's version, or undefined when it is not installed. */
export function nmapVersion() {
  const r = spawnSync('nmap', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? /Nmap version (\S+)/.exec(r.stdout)?.[1] : undefined;
}

/** The machine and versions, printed with every figure. */
export function machine() {
  return {
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    node: process.version,
    nmap: nmapVersion() ?? 'not installed',
  };
}

/** The 1-minute load average now, rounded: printed next to every figure (the machine is shared). */
export function loadAverage() {
  return +os.loadavg()[0].toFixed(2);
}

/**
 * Runs argv (optionally under `ip netns exec NS`), returning wall ms, CPU ms (user + system, where
 * /usr/bin/time is installed: less sensitive to a shared machine's load than wall time), peak RSS (MB), output.
 */
export function run(argv, { ns } = {}) {
  const timed = TIME ? [TIME, '-f', 'PMXRSS %M %U %S'] : [];
  const full = [...(ns ? ['ip', 'netns', 'exec', ns] : []), ...timed, ...argv];
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(full[0], full.slice(1), {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const m = /PMXRSS (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({
        code,
        ms: Math.round(ms),
        cpuMs: m ? Math.round((Number(m[2]) + Number(m[3])) * 1000) : undefined,
        rssMB: m ? Math.round(Number(m[1]) / 1024) : undefined,
        stdout,
        stderr: stderr.replace(/PMXRSS [\d. ]+\n?/, ''),
      });
    });
  });
}

/** Median of `n` runs of `fn` (each returns { ms, ... }); returns the median run. */
export async function median(n, fn) {
  const runs = [];
  for (let i = 0; i < n; i++) runs.push(await fn());
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(runs.length / 2)];
}

/**
 * Runs every command once per round, `rounds` rounds, so that the machine's load hits all of them alike.
 * Returns the median run of each (by wall time), every run, and the load average before and after.
 */
export async function interleaved(rounds, commands) {
  const runs = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  const load = [loadAverage()];
  for (let i = 0; i < rounds; i++) for (const [k, argv] of Object.entries(commands)) runs[k].push(await run(argv));
  load.push(loadAverage());
  const mid = (xs) => [...xs].sort((a, b) => a.ms - b.ms)[Math.floor(xs.length / 2)];
  const medians = Object.fromEntries(Object.entries(runs).map(([k, rs]) => [k, mid(rs)]));
  const cpu = (rs) => [...rs.map((r) => r.cpuMs ?? 0)].sort((a, b) => a - b)[Math.floor(rs.length / 2)];
  const medianCpuMs = Object.fromEntries(Object.entries(runs).map(([k, rs]) => [k, cpu(rs)]));
  return { medians, medianCpuMs, runs, loadAverage: load };
}

/** A temporary port table file with the given rows. */
export function tableFile(name, rows) {
  const dir = path.join(os.tmpdir(), 'portmatrix-bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ product: `bench ${name}`, rows }));
  return file;
}

/** A table row of inbound ports a bench probes ("20000-20999"), TCP unless told. */
export function inboundRow(id, ports, protocol = 'tcp') {
  return { id, service: 'S', application: 'A', ports: [ports], protocol, inbound: true, outbound: false };
}

/** The command line of a quiet `portmatrix check` of `hosts` with a bench table, JSON out; `extra` options after. */
export function checkArgv(hosts, table, ...extra) {
  return [process.execPath, CLI, 'check', ...hosts, '--ports', table, '--format', 'json', '--quiet', ...extra];
}

/** Prints the figures as a table and as one JSON line, and saves them under bench/results/. */
export function report(name, rows, extra = {}) {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const width = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k] ?? '').length)));
  const line = (cells) => cells.map((c, i) => String(c ?? '').padEnd(width[i])).join('  ');
  const out = { bench: name, machine: machine(), loadAverageAtEnd: loadAverage(), ...extra, rows };
  const table = [line(keys), line(width.map((w) => '-'.repeat(w))), ...rows.map((r) => line(keys.map((k) => r[k])))];
  process.stdout.write(`\n== ${name} (load average ${out.loadAverageAtEnd}) ==\n${table.join('\n')}\n`);
  for (const [k, v] of Object.entries(extra))
    process.stdout.write(`${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}\n`);
  process.stdout.write(`JSON ${JSON.stringify(out)}\n`);
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', `${name}.json`), `${JSON.stringify(out, null, 2)}\n`);
  return out;
}
