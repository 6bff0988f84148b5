import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic } from '../../src/report/write-atomic.js';
import { OutputError } from '../../src/errors.js';
import { ROOT, tempDir } from '../helpers/cli.js';

describe('atomic report writes', () => {
  it('writes the whole file and leaves no temporary file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'r.json');
    writeAtomic(file, '{"a":1}\n');
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}\n');
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('a process killed mid-write leaves the old report whole, never a partial one', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'report.json');
    writeFileSync(file, 'OLD REPORT\n');
    const code =
      `import('${path.join(ROOT, 'dist/report/write-atomic.js')}').then(m=>{process.stdout.write('go\\n');` +
      `m.writeAtomic(${JSON.stringify(file)}, 'x'.repeat(400*1024*1024))})`;
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(readFileSync(file, 'utf8')).toBe('OLD REPORT\n');
  });

  it.runIf(process.platform !== 'win32')('writes into /dev/null instead of renaming over it', () => {
    writeAtomic('/dev/null', 'report\n');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a directory that does not exist is an output error, not a stack trace', () => {
    expect(() => writeAtomic('/nonexistent-dir/r.json', 'x')).toThrow(OutputError);
    expect(() => writeAtomic('/nonexistent-dir/r.json', 'x')).toThrow(
      '--output /nonexistent-dir/r.json: cannot write the report (ENOENT)',
    );
    expect(existsSync('/nonexistent-dir')).toBe(false);
  });
});
