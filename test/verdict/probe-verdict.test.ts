import { describe, expect, it } from 'vitest';
import { probeVerdict } from '../../src/verdict/probe-verdict.js';
import type { ProbeState } from '../../src/model/state.js';

describe('probeVerdict: one probe state (and proof) to pass, fail or unknown', () => {
  it.each([
    // state, verified, busy, with a token, verdict
    ['open', false, false, false, 'pass'],
    ['open', true, false, true, 'pass'],
    ['open', false, false, true, 'fail'],
    ['closed', false, false, false, 'fail'],
    ['closed', false, false, true, 'fail'],
    ['filtered', false, false, false, 'fail'],
    ['filtered', false, false, true, 'fail'],
    ['error', false, false, false, 'fail'],
    ['open|filtered', false, false, false, 'unknown'],
    ['open|filtered', false, false, true, 'unknown'],
    ['open', true, true, true, 'unknown'],
    ['closed', false, true, true, 'unknown'],
  ] as const)('%s, verified %s, busy %s, token %s: %s', (state, verified, busy, token, verdict) => {
    expect(probeVerdict({ state: state as ProbeState, verified, busy }, token)).toBe(verdict);
  });
});
