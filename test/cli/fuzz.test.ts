import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

// Seeded and reproducible: PORTMATRIX_FUZZ_SEED=n npm test reruns one seed.
const SEED = Number(process.env.PORTMATRIX_FUZZ_SEED ?? 20261125);

describe('fuzzing (seeded)', () => {
  const title =
    '1,000 mutated tables and 1,000 random argument vectors end with 0, 1 or 2 and a clear message ' + `(seed ${SEED})`;
  it(title, async () => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'test/support/fuzz-cli.mjs'), String(SEED), '1000', '1000', tempDir('fuzz-')],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    await new Promise((resolve) => child.on('close', resolve));
    const summary = JSON.parse(out.trim().split('\n').pop()!) as {
      codes: Record<string, number>;
      failures: unknown[];
      failureCount: number;
    };
    expect(summary.failures).toEqual([]);
    expect(summary.failureCount).toBe(0);
    expect(Object.values(summary.codes).reduce((a, b) => a + b, 0)).toBe(2000);
    expect(summary.codes['2']).toBeGreaterThan(900); // most mutations are bad input
    expect(summary.codes['0']).toBeGreaterThan(0);
  }, 300000);
});
