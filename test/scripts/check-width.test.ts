import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

const SCRIPT = path.join(ROOT, 'scripts', 'check-width.mjs');
const line = (n: number) => `${'x'.repeat(n)}\n`;

// A tree holding the given files (path → text), checked by the real script as `npm run lint` runs it.
function check(files: Record<string, string>) {
  const root = tempDir('portmatrix-width-');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  const r = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
  return { status: r.status, lines: r.stderr.split('\n').filter(Boolean) };
}

describe('scripts/check-width.mjs', () => {
  it.each([
    ['a 120-character line', { 'src/a.ts': line(120) }, 0, []],
    ['a 120-character line with CRLF', { 'test/a.test.ts': `${'x'.repeat(120)}\r\n` }, 0, []],
    ['120 wide characters (counted as characters)', { 'bench/a.mjs': line(0).repeat(2) + '語'.repeat(120) }, 0, []],
    [
      'a 121-character line in test/',
      { 'test/x/a.test.ts': line(3) + line(121) },
      1,
      ['test/x/a.test.ts:2: 121 characters, limit 120', 'check-width: 1 problem(s)'],
    ],
    [
      'a long line in scripts/ and in bench/',
      { 'scripts/s.mjs': line(130), 'bench/b.py': line(1) + line(125) },
      1,
      [
        'bench/b.py:2: 125 characters, limit 120',
        'scripts/s.mjs:1: 130 characters, limit 120',
        'check-width: 2 problem(s)',
      ],
    ],
    [
      'a src file over 300 lines',
      { 'src/big.ts': line(10).repeat(301) },
      1,
      ['src/big.ts: 301 lines, limit 300 for a file in src/ (split it by concept)', 'check-width: 1 problem(s)'],
    ],
    [
      'a 300-line src file, and a long test file',
      { 'src/ok.ts': line(1).repeat(300), 'test/t.ts': line(1).repeat(900) },
      0,
      [],
    ],
    [
      'data, not code (golden files keep their long lines)',
      { 'test/golden/a.txt': line(400), 'src/a.json': line(400) },
      0,
      [],
    ],
    ['the generated validator', { 'src/table/ports-schema.generated.ts': line(5000) }, 0, []],
    ['a folder outside the checked ones', { 'docs/a.ts': line(200), 'src/node_modules/m/a.js': line(200) }, 0, []],
  ])('%s', (_name, files, status, lines) => {
    const r = check(files);
    expect(r.lines).toEqual(lines);
    expect(r.status).toBe(status);
  });

  it('passes on this repository', () => {
    expect(check({}).status).toBe(0);
    const r = spawnSync(process.execPath, [SCRIPT], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
