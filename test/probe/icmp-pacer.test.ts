import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { IcmpPacer } from '../../src/probe/icmp-pacer.js';

describe('the pacer of a host that rate-limits ICMP', () => {
  it('grants turns one after another until its budget is spent', async () => {
    const pacer = new IcmpPacer(300);
    const turns = [];
    for (let i = 0; i < 3; i++) turns.push(await pacer.slot());
    expect(turns).toEqual([true, true, true]);
    await new Promise((r) => setTimeout(r, 320));
    expect(await pacer.slot()).toBe(false);
  });

  it('a stop signal ends a wait at once, with no turn', async () => {
    const pacer = new IcmpPacer(60000);
    const stop = new AbortController();
    await pacer.slot(stop.signal);
    const waiting = pacer.slot(stop.signal); // the next turn is a tick away
    stop.abort();
    expect(await waiting).toBe(false);
  });

  it.each([
    // gaps between ICMP errors (each after a silent resend), the interval learned (median)
    [[100], undefined],
    [[100, 120], 120],
    [[90, 110, 105, 200], 110],
  ])('errors %j ms apart: interval %s', async (gaps, interval) => {
    const pacer = new IcmpPacer(60000);
    let t = Math.floor(performance.now()); // whole ms: the gaps add up exactly
    pacer.errorSeen(t);
    for (const gap of gaps) {
      await pacer.slot();
      await pacer.slot(); // two resends between errors: the host was saturated
      t += gap;
      pacer.errorSeen(t);
    }
    expect(pacer.interval()).toBe(interval);
  });
});
