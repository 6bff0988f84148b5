import { describe, expect, it } from 'vitest';
import { ProbeCache } from '../../src/serve/probe-cache.js';

// A clock the test moves by hand.
function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

// A run the test settles by hand, counting how often it starts.
function gate() {
  let runs = 0;
  let settle: (v: string) => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const run = () => {
    runs++;
    return new Promise<string>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
  };
  return { run, runs: () => runs, settle: (v: string) => settle(v), fail: (e: Error) => fail(e) };
}

describe('ProbeCache', () => {
  it('50 concurrent callers share one run', async () => {
    const c = clock();
    const cache = new ProbeCache<string>(1000, c.now);
    const g = gate();
    const all = Promise.all(Array.from({ length: 50 }, () => cache.get('k', g.run)));
    g.settle('v');
    const answers = await all;
    expect(g.runs()).toBe(1);
    expect(answers.filter((a) => !a.cached)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.value))).toEqual(new Set(['v']));
  });

  it.each([
    [999, 1, true],
    [1000, 2, false],
  ])('a call %i ms after the run started: runs %i, cached %s', async (later, runs, cached) => {
    const c = clock();
    const cache = new ProbeCache<string>(1000, c.now);
    const g = gate();
    const first = cache.get('k', g.run);
    g.settle('one');
    await first;
    c.advance(later);
    const second = cache.get('k', g.run);
    g.settle('two');
    expect(await second).toEqual({ value: cached ? 'one' : 'two', cached });
    expect(g.runs()).toBe(runs);
  });

  it('a run that throws is not kept; its waiters get the error', async () => {
    const cache = new ProbeCache<string>(1000, clock().now);
    const g = gate();
    const a = cache.get('k', g.run);
    const b = cache.get('k', g.run);
    g.fail(new Error('boom'));
    await expect(a).rejects.toThrow('boom');
    await expect(b).rejects.toThrow('boom');
    const c = cache.get('k', g.run);
    g.settle('ok');
    expect(await c).toEqual({ value: 'ok', cached: false });
    expect(g.runs()).toBe(2);
  });

  it('keys are independent and expired keys are dropped', async () => {
    const c = clock();
    const cache = new ProbeCache<string>(100, c.now);
    await cache.get('a', async () => 'a');
    await cache.get('b', async () => 'b');
    expect(cache.size).toBe(2);
    c.advance(100);
    await cache.get('c', async () => 'c');
    expect(cache.size).toBe(1);
  });
});
