import { describe, expect, it } from 'vitest';
import { HostStats, MAX_ATTEMPTS } from '../../src/probe/host-stats.js';

// A host that answered `answered` probes after losing `lost` attempts in all.
function host(answered: number, lost: number): HostStats {
  const h = new HostStats(45000);
  for (let i = 0; i < answered; i++) h.recordAnswer(i < lost ? 1 : 0);
  return h;
}

describe('loss measured from the probes themselves', () => {
  it.each([
    // answered, lost, attempts a silent port needs, loss shown
    [0, 0, 1, 'not measured (nothing answered)'],
    [60, 0, 2, '0 % (0 of 60 attempts lost)'], // a clean path: nothing slows down (TCP's least after a cut)
    [14, 0, 3, '0 % (0 of 14 attempts lost)'], // a few answers prove little: one attempt more
    [3, 0, 5, '0 % (0 of 3 attempts lost)'],
    [1, 0, 7, '0 % (0 of 1 attempt lost)'], // one answer says nothing about the path
    [60, 1, 3, '2 % (1 of 61 attempts lost)'],
    [60, 12, 6, '17 % (12 of 72 attempts lost)'], // 10 % each way: about 19 % of round trips
    [20, 20, 10, '50 % (20 of 40 attempts lost)'], // capped
  ])('%d answered, %d lost: %d attempts, loss %s', (answered, lost, attempts, shown) => {
    const h = host(answered, lost);
    expect(h.attemptsForLoss()).toBe(attempts);
    expect(h.attemptsForLoss()).toBeLessThanOrEqual(MAX_ATTEMPTS);
    expect(h.describeLoss()).toBe(shown);
  });

  it.each([
    // witness answered per resend; is the host taken as rate-limiting ICMP?
    [[true, true, true, true], false],
    [[false, true, true, true, true], false], // one lost witness is loss, not a rate limit
    [[false, false], false], // not enough evidence yet
    [[false, false, false], true],
    [[true, false, true, false, false, false], true],
  ])('witnesses %j: rate-limited %s', (witnesses, limited) => {
    const h = new HostStats(45000);
    for (const w of witnesses) h.recordPair(w);
    expect(h.pacer !== undefined).toBe(limited);
  });
});
