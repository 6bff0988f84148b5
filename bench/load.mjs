// load: N concurrent `check --token` processes of the whole embedded table, from one address
// (127.0.0.1), against one `listen`: completion time, p99 probe latency, answers refused or busy.
// Loopback only. Usage: node bench/load.mjs [N...] (default 1 4 8 16).
import { spawn, spawnSync } from 'node:child_process';
import { CLI, report, run } from './lib/measure.mjs';

const token = spawnSync(process.execPath, [CLI, 'token'], { encoding: 'utf8' }).stdout.trim();
const env = { ...process.env, PORTMATRIX_TOKEN: token };
process.env.PORTMATRIX_TOKEN = token;

// Starts a responder at a port offset; resolves once it serves, with a stop that returns its last line.
function listen(offset) {
  const args = ['listen', '--port-offset', String(offset), '--bind', '127.0.0.1', '--duration', '0', '--quiet'];
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => {
      err += d;
      if (/listening on/.test(err))
        resolve({
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done(err));
              child.kill('SIGINT');
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`listen exited ${code}: ${err}`)));
  });
}

const p99 = (xs) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * 0.99) - 1)] ?? 0;
const counts = (line) =>
  Object.fromEntries([...line.matchAll(/(answered|busy|refused) (\d+)/g)].map((m) => [m[1], Number(m[2])]));

const rows = [];
for (const n of (process.argv.slice(2).length ? process.argv.slice(2) : ['1', '4', '8', '16']).map(Number)) {
  const offset = 10000 + Math.floor(Math.random() * 5000);
  const responder = await listen(offset);
  const t0 = performance.now();
  const runs = await Promise.all(
    Array.from({ length: n }, () =>
      run([process.execPath, CLI, 'check', '127.0.0.1', '--port-offset', String(offset), '--format', 'json']),
    ),
  );
  const ms = Math.round(performance.now() - t0);
  const reports = runs.map((r) => JSON.parse(r.stdout));
  const results = reports.flatMap((r) => r.results);
  const stats = counts(await responder.stop());
  rows.push({
    checks: n,
    'all verified': `${reports.filter((r) => r.results.every((x) => x.verified)).length}/${n}`,
    'completion ms': ms,
    'slowest check ms': Math.max(...runs.map((r) => r.ms)),
    'p99 probe ms': Math.round(p99(results.map((x) => x.latencyMs))),
    unknown: results.filter((x) => x.verdict === 'unknown').length,
    fail: results.filter((x) => x.verdict === 'fail').length,
    answered: stats.answered,
    busy: stats.busy,
    refused: stats.refused,
  });
}
report('load', rows, { note: 'one listen, N concurrent whole-table check --token processes from 127.0.0.1' });
