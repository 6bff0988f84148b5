// startup: what a short run costs, against `node -e 0` (the runtime's own start), in interleaved rounds so
// that the machine's load hits every command alike. Targets (issue 18): --version <= 1.6x; a one-port
// `ports --format json` and a one-port `check` on loopback <= 2.0x.
import { CLI, report, run } from './lib/measure.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 15);
const onlyWorks = (await run([process.execPath, CLI, 'ports', '--only', '1741', '--format', 'json'])).code === 0;
const COMMANDS = {
  'node -e 0': [process.execPath, '-e', '0'],
  'portmatrix --version': [process.execPath, CLI, '--version'],
  [`portmatrix ports ${onlyWorks ? '--only 1741 ' : ''}--format json`]: [
    process.execPath,
    CLI,
    'ports',
    ...(onlyWorks ? ['--only', '1741'] : []),
    '--format',
    'json',
  ],
  'portmatrix check 127.0.0.1 --only 1741': [
    process.execPath,
    CLI,
    'check',
    '127.0.0.1',
    '--only',
    '1741',
    '--format',
    'json',
    '--quiet',
  ],
};

const times = Object.fromEntries(Object.keys(COMMANDS).map((k) => [k, []]));
const rss = {};
for (let i = 0; i < ROUNDS; i++) {
  for (const [name, argv] of Object.entries(COMMANDS)) {
    const r = await run(argv);
    times[name].push(r.ms);
    rss[name] = r.rssMB;
  }
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = med(times['node -e 0']);
const rows = Object.keys(COMMANDS).map((name) => ({
  command: name,
  medianMs: med(times[name]),
  minMs: Math.min(...times[name]),
  ratio: +(med(times[name]) / base).toFixed(2),
  peakRssMB: rss[name],
}));
report('startup', rows, { rounds: ROUNDS, targets: '--version <= 1.6x node -e 0; ports and one-port check <= 2.0x' });
