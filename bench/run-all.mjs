// npm run bench: every benchmark in turn (never part of npm test; BENCH=a,b runs only those). Each prints a
// table and a JSON line; at the end, issue 18's three figures (start-up, floor, memory) beside the earlier
// ones (bench/earlier.json).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const started = Date.now();
let failed = 0;
const ALL = ['startup', 'floor', 'scale', 'memory', 'firewall', 'lossy', 'rate-limit', 'serve', 'load'];
// BENCH=startup,floor,memory npm run bench: only those.
for (const name of process.env.BENCH ? process.env.BENCH.split(',') : ALL) {
  const r = spawnSync(process.execPath, [path.join(here, `${name}.mjs`)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}

// A benchmark's figures from this run (undefined when it failed or wrote nothing now).
function results(name) {
  const file = path.join(here, 'results', `${name}.json`);
  return existsSync(file) && statSync(file).mtimeMs >= started ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

const earlier = JSON.parse(readFileSync(path.join(here, 'earlier.json'), 'utf8'));
const startup = results('startup');
const floor = results('floor');
const memory = results('memory');
const ratioOf = (prefix) => startup?.rows.find((r) => r.command.startsWith(prefix))?.ratio;
const rssOf = (format) =>
  memory?.rows.find((r) => r.probes === 100000 && r.format === format && r.concurrency === 'default')?.peakRssMB;
const lines = [
  [
    'start-up --version, x node -e 0',
    earlier.startup['portmatrix --version'],
    ratioOf('portmatrix --version'),
    '<= 1.6',
  ],
  ['start-up ports --format json', earlier.startup['portmatrix ports'], ratioOf('portmatrix ports'), '<= 2.0'],
  ['start-up one-port check', earlier.startup['portmatrix check'], ratioOf('portmatrix check'), '<= 2.0'],
  [
    'floor 10,000 closed ports, x bare loop',
    `${earlier.floor.ratioVsBareNode} (cba0b60); ${earlier.floor.beforeThisWork} (before #18.2)`,
    floor?.ratioVsBareNode,
    '<= 1.3',
  ],
  ['memory 100,000 probes json --output, MB', earlier.memory.json, rssOf('json'), '<= 200'],
  ['memory 100,000 probes csv --output, MB', earlier.memory.csv, rssOf('csv'), '<= 200'],
];
const head = ['issue 18', 'before', 'now', 'goal'];
const width = head.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i] ?? 'not run').length)));
const row = (cells) => cells.map((c, i) => String(c ?? 'not run').padEnd(width[i])).join('  ');
const loads = [startup, floor, memory].map((r) => r?.loadAverageAtEnd ?? '-').join(' / ');
process.stdout.write(
  `\n== issue 18: now and before (load average at the end of startup / floor / memory: ${loads}) ==\n`,
);
process.stdout.write(`${[row(head), row(width.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n')}\n`);
process.exit(failed ? 1 : 0);
