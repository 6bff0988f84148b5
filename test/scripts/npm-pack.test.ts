import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

// The repository's own files (tracked, or new and not ignored), as a fresh clone would have them: no dist/.
function cloneLike(): string {
  const dir = tempDir('portmatrix-clone-');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && existsSync(path.join(ROOT, f)));
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    copyFileSync(path.join(ROOT, f), path.join(dir, f));
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    timeout: 240000,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
const gitMissing = !existsSync(path.join(ROOT, '.git'));
if (gitMissing) console.warn('SKIP npm pack: not a git checkout');

describe.skipIf(gitMissing)('npm pack on a fresh clone', { timeout: 300000 }, () => {
  let tarball: string;
  let files: string[];
  beforeAll(() => {
    const clone = cloneLike();
    const out = tempDir('portmatrix-pack-');
    // prepare builds dist/ in the clone, which has none.
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', out], clone)) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    tarball = path.join(out, packed[0]!.filename);
    files = packed[0]!.files.map((f) => f.path);
  }, 300000);

  it('ships the bundle and its chunks, the table, the advice and the docs, and no compiled tree or sources', () => {
    expect(files).toEqual(expect.arrayContaining(['dist/portmatrix.cjs', 'ports.json', 'package.json', 'README.md']));
    const bundle = /^dist\/portmatrix(-[\w-]+)?\.cjs$/;
    expect(files.filter((f) => bundle.test(f) && f !== 'dist/portmatrix.cjs').length).toBeGreaterThan(0);
    expect(files.filter((f) => f.startsWith('src/') || (f.startsWith('dist/') && !bundle.test(f)))).toEqual([]);
  });

  it('installed into an empty folder, `portmatrix` runs (no dependency to fetch)', () => {
    const project = tempDir('portmatrix-user-');
    npm(['init', '-y'], project);
    npm(['install', '--offline', tarball], project);
    const bin = path.join(project, 'node_modules', '.bin', 'portmatrix');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toBe('0.1.0\n');
    const table = JSON.parse(execFileSync(bin, ['ports', '--format', 'json'], { encoding: 'utf8' }));
    expect(table.rows.length).toBeGreaterThan(0);
    // --help loads every command's chunk: each one shipped.
    expect(execFileSync(bin, ['--help'], { encoding: 'utf8' })).toContain('portmatrix check');
  });

  it.each([
    ['the packed tarball', () => tarball],
    ['a checkout that was never built (npm install -g .)', cloneLike],
  ])('installed globally from %s, `portmatrix` is on the PATH and runs', (_, source) => {
    const prefix = tempDir('portmatrix-global-');
    npm(['install', '-g', '--offline', '--prefix', prefix, source()], prefix);
    const out = execFileSync('portmatrix', ['--version'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${path.join(prefix, 'bin')}:${process.env.PATH}` },
    });
    expect(out).toBe('0.1.0\n');
  });
});
