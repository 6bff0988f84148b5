import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { nodeCrypto } from '../util/node-crypto.js';
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

const BATCH = 1 << 20;

// Writes all of a buffer (writeSync may write less than asked).
function writeAll(fd: number, bytes: Buffer): void {
  for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
}

/** Writes text, or text in pieces (a streamed report), to a descriptor in batches of about a megabyte. */
function writeText(fd: number, content: string | Iterable<string>): void {
  if (typeof content === 'string') {
    writeAll(fd, Buffer.from(content));
    return;
  }
  let batch: string[] = [];
  let size = 0;
  for (const piece of content) {
    batch.push(piece);
    size += piece.length;
    if (size >= BATCH) {
      writeAll(fd, Buffer.from(batch.join('')));
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) writeAll(fd, Buffer.from(batch.join('')));
}

// Opens a device or pipe and writes into it.
function writeSpecial(target: string, content: string | Iterable<string>): void {
  const fd = openSync(target, 'w');
  try {
    writeText(fd, content);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a file atomically: a temporary file beside it, flushed, then renamed over it.
 * Devices and pipes (/dev/null, /dev/stdout, a FIFO) are written to directly.
 */
export function writeAtomic(file: string, content: string | Iterable<string>): void {
  const target = path.resolve(file);
  if (isSpecial(target)) {
    try {
      writeSpecial(target, content);
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
    `.${path.basename(target)}.${process.pid}.${nodeCrypto().randomBytes(4).toString('hex')}.tmp`,
  );
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    writeText(fd, content);
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
