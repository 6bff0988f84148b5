import { describe, expect, it } from 'vitest';
import { RttEstimator, ADAPTIVE_FLOOR_MS, ADAPTIVE_MARGIN } from '../../src/probe/rtt-estimator.js';

describe('adaptive timeout (RTT estimator)', () => {
  it('waits the ceiling until a host has answered', () => {
    expect(new RttEstimator(2000).boundMs('h')).toBe(2000);
  });

  it.each([
    [[0.2, 0.3, 0.1], ADAPTIVE_FLOOR_MS], // loopback-fast: never below the floor
    [[100, 100, 100], ADAPTIVE_MARGIN * (100 + 4 * 28.125)], // RFC 6298: SRTT 100, RTTVAR 50 -> 37.5 -> 28.125
    [[900, 1000, 1100], 2000], // slow path: never above the ceiling
  ])('after answers of %j ms waits %d ms', (samples, bound) => {
    const est = new RttEstimator(2000);
    for (const s of samples) est.observe('h', s);
    expect(est.boundMs('h')).toBeCloseTo(bound, 5);
    expect(est.boundMs('other')).toBe(2000);
  });
});
