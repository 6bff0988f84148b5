// serve: what a scrape costs. A fresh probe of the whole embedded table (both directions) on
// loopback through /probe, against `check` for the same probes in a process of its own; then 2,000
// scrapes (50 at a time) answered from the cache, and /metrics. Loopback only.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { CLI, median, report, run } from './lib/measure.mjs';
import { everyPeer, everyPeerQuery } from './lib/every-peer.mjs';

// Starts `portmatrix serve` on a free loopback port; resolves with its URL and a stop function.
function startServe(args) {
  const child = spawn(process.execPath, [CLI, 'serve', '--listen', '127.0.0.1:0', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => {
      err += d;
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

// Milliseconds one GET takes.
async function timed(url) {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t0;
}

const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const rows = [];
const served = await startServe(['--min-interval', '0']);
try {
  const query = `${served.url}/probe?target=127.0.0.1&direction=both${everyPeerQuery('127.0.0.1')}`;
  await timed(query); // warm-up: the first probe also loads the pipeline's code
  const fresh = [];
  for (let i = 0; i < 5; i++) fresh.push(await timed(query));
  const check = await median(3, () =>
    run([
      process.execPath,
      CLI,
      'check',
      '127.0.0.1',
      ...everyPeer('127.0.0.1'),
      '--direction',
      'both',
      '--format',
      'json',
      '--quiet',
    ]),
  );
  rows.push({
    what: 'fresh /probe, Table A-1 both directions (median of 5)',
    ms: Math.round(pct(fresh, 50)),
    reference: `check in its own process ${check.ms} ms`,
  });
} finally {
  served.stop();
}
const cached = await startServe(['--min-interval', '3600']);
try {
  const query = `${cached.url}/probe?target=127.0.0.1&direction=both${everyPeerQuery('127.0.0.1')}`;
  await timed(query);
  const times = [];
  const t0 = performance.now();
  for (let batch = 0; batch < 40; batch++) {
    times.push(...(await Promise.all(Array.from({ length: 50 }, () => timed(query)))));
  }
  const wall = performance.now() - t0;
  rows.push({
    what: '2,000 cached /probe scrapes, 50 concurrent',
    ms: Math.round(wall),
    reference:
      `${Math.round(2000 / (wall / 1000))} scrapes/s; ` +
      `p50 ${pct(times, 50).toFixed(1)} ms, p99 ${pct(times, 99).toFixed(1)} ms`,
  });
  const own = [];
  for (let i = 0; i < 50; i++) own.push(await timed(`${cached.url}/metrics`));
  rows.push({ what: '/metrics (median of 50)', ms: +pct(own, 50).toFixed(1), reference: '' });
} finally {
  cached.stop();
}
report('serve', rows, { note: 'loopback; closed ports answer at once, so the fresh probe is the pipeline cost' });
