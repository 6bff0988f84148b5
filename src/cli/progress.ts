/** A progress line on stderr: only on a TTY, only after a second, never with --quiet. */
export function progressReporter(
  quiet: boolean,
  stream: NodeJS.WriteStream = process.stderr,
): {
  update(done: number, total: number, failures: number): void;
  clear(): void;
} {
  const enabled = !quiet && Boolean(stream.isTTY);
  const start = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(done, total, failures) {
      const now = Date.now();
      if (!enabled || now - start < 1000 || (now - last < 100 && done < total)) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2K${done}/${total} probes · ${failures} not passing so far`);
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
