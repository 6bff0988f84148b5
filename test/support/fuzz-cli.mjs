// Seeded fuzzing of the CLI, in one process: mutated tables and random argument vectors.
// Usage: node test/support/fuzz-cli.mjs SEED TABLES ARGVS TMPDIR  -> prints one JSON summary line.
// Hosts are only IP literals of loopback (or addresses the CLI must refuse) and "localhost":
// a random name would be sent to a DNS resolver outside this machine.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { main } = await import(path.join(root, 'dist', 'cli', 'main.js'));
const [seedArg = '1', tablesArg = '1000', argvsArg = '1000', tmp] = process.argv.slice(2);

// mulberry32: a small seeded PRNG, so every failure is reproducible from its seed.
let state = Number(seedArg) >>> 0;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const int = (a, b) => a + Math.floor(rand() * (b - a + 1));

const base = JSON.parse(readFileSync(path.join(root, 'ports.json'), 'utf8'));
const WEIRD = [
  null,
  true,
  false,
  0,
  -1,
  1e20,
  -1e20,
  70000,
  65535,
  1.5,
  '',
  'x',
  '80-70',
  '1-',
  '-5',
  '65535-1',
  '0-0',
  [],
  {},
  [[[[[]]]]],
  { a: { b: { c: {} } } },
  'é',
  '\u0000',
  NaN,
];

// One mutated table, as bytes.
function mutateTable() {
  const doc = structuredClone(base);
  const row = pick(doc.rows);
  const fields = Object.keys(row);
  switch (int(0, 11)) {
    case 0:
      row[pick(fields)] = pick(WEIRD);
      break; // type swapped
    case 1:
      delete row[pick(fields)];
      break; // field dropped
    case 2:
      row[`extra${int(0, 9)}`] = pick(WEIRD);
      break; // field added
    case 3:
      row.ports = [pick(WEIRD), ...row.ports];
      break;
    case 4:
      row.ports = [int(-100000, 200000)];
      break; // huge and negative numbers
    case 5: {
      let v = [];
      for (let i = 0; i < int(10, 5000); i++) v = [v];
      row.notes = v;
      break;
    } // deep nesting
    case 6:
      doc.rows.push(structuredClone(row));
      break; // duplicate id
    case 7:
      doc[pick(['product', 'rows', 'source'])] = pick(WEIRD);
      break;
    case 8:
      row.protocol = pick(['icmp', 'TCP', 'sctp', '', 7]);
      break;
    case 9: {
      const text = JSON.stringify(doc);
      return Buffer.from(text.slice(0, int(0, text.length)));
    } // truncated
    case 10: {
      const b = Buffer.from(JSON.stringify(doc));
      b[int(0, b.length - 1)] = pick([0xff, 0xfe, 0xc0, 0x80]);
      return b;
    } // not UTF-8
    default:
      doc.rows = pick([[], {}, null, [1, 2, 3]]);
  }
  return Buffer.from(JSON.stringify(doc));
}

const HOSTS = [
  '127.0.0.1',
  '::1',
  'localhost',
  '[::1]',
  '127.0.0.2',
  '::ffff:127.0.0.1',
  '0.0.0.0',
  '::',
  '255.255.255.255',
  '224.0.0.1',
  'ff02::1',
];
const COMMANDS = [
  'ports',
  'ports',
  'ports',
  'check',
  'check',
  'check',
  'audit',
  'audit',
  'listen',
  'bogus',
  '',
  '--help',
  '--version',
];
const VALUES = [
  '0',
  '-1',
  '1',
  '3',
  '65536',
  '99999999999',
  'abc',
  '',
  '1.5',
  ' ',
  '--',
  'NaN',
  '80-70',
  '22,443',
  '1-65535',
  'tcp',
  'udp',
  'inbound',
  'outbound',
  'both',
  'json',
  'yaml',
];

// One random argument vector that only ever targets loopback.
function randomArgv() {
  const cmd = pick(COMMANDS);
  const argv = cmd ? [cmd] : [];
  const n = int(0, 6);
  for (let i = 0; i < n; i++) {
    switch (int(0, 15)) {
      case 0:
        if (cmd === 'check') argv.push(pick(HOSTS));
        break;
      case 1:
        argv.push('--format', pick(['table', 'json', 'junit', 'csv', 'markdown', 'html', 'xml', '']));
        break;
      case 2:
        argv.push('--only', pick([...VALUES, `${int(1, 65535)}`, `${int(1, 1000)}-${int(1, 2000)}`]));
        break;
      case 3:
        argv.push('--concurrency', pick(VALUES));
        break;
      case 4:
        argv.push('--timeout', pick(['1', '50', '200', '0', '-5', 'x', '700000']));
        break;
      case 5:
        argv.push('--retries', pick(VALUES));
        break;
      case 6:
        argv.push('--port-offset', pick([...VALUES, `${int(-70000, 70000)}`]));
        break;
      case 7:
        argv.push(
          '--peer',
          pick(['aaa=127.0.0.1', 'device=::1', 'x', '=', 'aaa=', `${pick(['aaa', 'mail', 'a b'])}=${pick(HOSTS)}`]),
        );
        break;
      case 8:
        argv.push('--app', pick(['Security', 'aus', '', 'ünïcödé', '%s']));
        break;
      case 9:
        argv.push('--direction', pick(VALUES));
        break;
      case 10:
        argv.push('--output', pick([path.join(tmp, `out-${int(0, 5)}`), '/nonexistent-dir/x.json', tmp]));
        break;
      case 11:
        argv.push(
          pick([
            '--strict',
            '--no-color',
            '--quiet',
            '--no-adaptive',
            '--expect',
            '--allow',
            '--token',
            '--bind',
            '--unknown-flag',
            '-x',
          ]),
        );
        break;
      case 12:
        argv.push('--expect', pick(['free', 'listening', 'x']));
        break;
      case 13:
        argv.push('--allow', pick(['10.0.0.0/8', '::1', 'x', '1.2.3.4/40']));
        break;
      case 14:
        argv.push('--token', pick(['s', '', 'a b c']));
        break;
      default:
        argv.push('--protocol', pick(VALUES));
    }
  }
  if (cmd === 'check') argv.push('--timeout', '300', '--only', pick(['22,443', '161,514', '40050-40052', '42342']));
  if (cmd === 'listen')
    argv.push(
      '--duration',
      '0.2',
      '--bind',
      '127.0.0.1',
      '--only',
      '42342',
      '--port-offset',
      String(int(10000, 20000)),
    );
  return argv;
}

// Runs main() with stdout and stderr captured; flags a hang after 15 s.
async function runCaptured(argv) {
  const out = [],
    err = [];
  const [ow, ew] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];
  process.stdout.write = (c) => {
    out.push(String(c));
    return true;
  };
  process.stderr.write = (c) => {
    err.push(String(c));
    return true;
  };
  let timer;
  try {
    const code = await Promise.race([
      main(argv),
      new Promise((resolve) => {
        timer = setTimeout(() => resolve('hang'), 15000);
      }),
    ]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } catch (e) {
    return { code: 'threw', stdout: out.join(''), stderr: `${err.join('')}${e?.stack ?? e}` };
  } finally {
    clearTimeout(timer);
    process.stdout.write = ow;
    process.stderr.write = ew;
  }
}

// What makes a run a defect: a code other than 0/1/2, a stack trace, an unexplained error, a hang.
function defect(r) {
  if (![0, 1, 2].includes(r.code)) return `exit ${r.code}`;
  if (/\n\s+at .+:\d+:\d+\)?/.test(r.stderr) || /\n\s+at .+:\d+:\d+\)?/.test(r.stdout)) return 'stack trace';
  if (/unexpected error/.test(r.stderr)) return 'unexpected error';
  if (r.code === 2 && !/^portmatrix: |^Usage|\n?portmatrix /m.test(r.stderr)) return 'exit 2 without a message';
  return undefined;
}

const failures = [];
const codes = { 0: 0, 1: 0, 2: 0 };
const tablePath = path.join(tmp, 'fuzz-table.json');
for (let i = 0; i < Number(tablesArg); i++) {
  writeFileSync(tablePath, i === 0 ? Buffer.alloc(50 * 1024 * 1024, 0x20) : mutateTable());
  const argv = ['ports', '--ports', tablePath, '--format', 'json'];
  const r = await runCaptured(argv);
  codes[r.code] = (codes[r.code] ?? 0) + 1;
  const d = defect(r);
  if (d) failures.push({ kind: 'table', i, defect: d, stderr: r.stderr.slice(0, 400) });
}
for (let i = 0; i < Number(argvsArg); i++) {
  const argv = randomArgv();
  const r = await runCaptured(argv);
  codes[r.code] = (codes[r.code] ?? 0) + 1;
  const d = defect(r);
  if (d) failures.push({ kind: 'argv', i, argv, defect: d, stderr: r.stderr.slice(0, 400) });
}
// Exit once the line is flushed: the runs may have left the responder's timers behind on purpose.
const summary = { seed: Number(seedArg), codes, failures: failures.slice(0, 20), failureCount: failures.length };
process.stdout.write(`${JSON.stringify(summary)}\n`, () => process.exit(0));
