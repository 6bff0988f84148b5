import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';

// A blocking writer on a file descriptor, standing in for process.stdout or process.stderr.
function fdStream(fd: number): NodeJS.WriteStream {
  // Loaded only here (under Wine): a normal run does not pay for node:stream at start-up.
  const { Writable } = createRequire(import.meta.url)('node:stream') as typeof import('node:stream');
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        writeSync(fd, chunk);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  return Object.assign(stream, { fd, isTTY: false }) as unknown as NodeJS.WriteStream;
}

/**
 * Node cannot open a pipe as process.stdout under Wine (EBADF, a crash with a stack trace before any
 * output). Where opening a standard stream fails, it is replaced by a plain writer on the same file
 * descriptor, which works. Elsewhere nothing changes.
 */
export function ensureStdio(): void {
  for (const [name, fd] of [
    ['stdout', 1],
    ['stderr', 2],
  ] as const) {
    try {
      void process[name];
    } catch {
      Object.defineProperty(process, name, { value: fdStream(fd), configurable: true, writable: true });
    }
  }
}
