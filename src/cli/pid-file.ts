import { accessSync, constants, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { InputError, OutputError } from '../errors.js';
import { writeAtomic } from '../report/write-atomic.js';

/** Refuses a pid file in a directory that does not exist or cannot be written, before anything binds. */
export function checkPidFile(file: string): void {
  try {
    accessSync(path.dirname(path.resolve(file)), constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(`--pid-file ${file}: cannot write the process id there (${code})`, { cause: err });
  }
}

/** Says "bound and serving" to whoever waits for the file, and how to stop this process. */
export async function writePidFile(file: string): Promise<void> {
  try {
    writeAtomic(file, `${process.pid}\n`);
  } catch (err) {
    const cause = err instanceof Error ? (err.cause as NodeJS.ErrnoException | undefined) : undefined;
    throw new OutputError(`--pid-file ${file}: cannot write the process id (${cause?.code ?? 'error'})`, err);
  }
}

/** Removes the pid file if it is still ours (another process may have been given the same name since). */
export function removePidFile(file: string): void {
  try {
    if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
  } catch {
    // Already gone, or never written.
  }
}
