import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(ROOT, 'dist', 'portmatrix.cjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with NO_COLOR and no TTY. */
export function runCli(
  args: string[],
  opts: { env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        env: { ...process.env, NO_COLOR: '1', ...opts.env },
        cwd: opts.cwd,
        timeout: opts.timeoutMs ?? 60000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'portmatrix-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Writes a table (object or raw text) to a temp file and returns its path. */
export function writeTable(content: unknown, name = 'ports.json'): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content));
  return file;
}
