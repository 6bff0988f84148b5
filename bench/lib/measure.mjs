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

/** Runs argv (optionally under `ip netns exec NS`), returning wall ms, peak RSS (MB) and output. */
export function run(argv, { ns } = {}) {
  const full = [...(ns ? ['ip', 'netns', 'exec', ns] : []), ...(TIME ? [TIME, '-f', 'PMXRSS %M'] : []), ...argv];
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
      const rss = /PMXRSS (\d+)/.exec(stderr)?.[1];
      resolve({
        code,
        ms: Math.round(ms),
        rssMB: rss ? Math.round(Number(rss) / 1024) : undefined,
        stdout,
        stderr: stderr.replace(/PMXRSS \d+\n?/, ''),
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
  const out = { bench: name, machine: machine(), ...extra, rows };
  const table = [line(keys), line(width.map((w) => '-'.repeat(w))), ...rows.map((r) => line(keys.map((k) => r[k])))];
  process.stdout.write(`\n== ${name} ==\n${table.join('\n')}\n`);
  for (const [k, v] of Object.entries(extra))
    process.stdout.write(`${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}\n`);
  process.stdout.write(`JSON ${JSON.stringify(out)}\n`);
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', `${name}.json`), `${JSON.stringify(out, null, 2)}\n`);
  return out;
}
