import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { OutputError } from '../errors.js';

// True for /dev/null, /dev/stdout, a FIFO: things to write into, never to rename over.
function isSpecial(file: string): boolean {
  try {
    const st = statSync(file);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

/**
 * Writes a file atomically: a temporary file beside it, flushed, then renamed over it.
 * Devices and pipes (/dev/null, /dev/stdout, a FIFO) are written to directly.
 */
export function writeAtomic(file: string, content: string): void {
  const target = path.resolve(file);
  if (isSpecial(target)) {
    try {
      writeFileSync(target, content);
      return;
    } catch (err) {
      throw new OutputError(
        `--output ${file}: cannot write the report (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        err,
      );
    }
  }
  const tmp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    writeSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new OutputError(`--output ${file}: cannot write the report (${code})`, err);
  }
}
