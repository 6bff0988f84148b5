import { describe, expect, it, vi } from 'vitest';
import { progressReporter } from '../../src/cli/progress.js';

const stream = (isTTY: boolean) => {
  const writes: string[] = [];
  return {
    writes,
    s: {
      isTTY,
      write: (t: string) => {
        writes.push(t);
        return true;
      },
    } as unknown as NodeJS.WriteStream,
  };
};

describe('progress line', () => {
  it.each([
    [true, false, 1],
    [false, false, 0],
    [true, true, 0],
  ])('TTY %s, quiet %s: %i line(s) after a second', (tty, quiet, count) => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const { writes, s } = stream(tty);
    const p = progressReporter(quiet, s);
    p.update(1, 10, 0); // before a second: nothing
    vi.setSystemTime(1500);
    p.update(5, 10, 2);
    vi.useRealTimers();
    expect(writes.length).toBe(count);
    if (count) expect(writes[0]).toBe('\r\x1b[2K5/10 probes · 2 not passing so far');
  });
});
