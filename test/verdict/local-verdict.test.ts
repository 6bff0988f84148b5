import { describe, expect, it } from 'vitest';
import { auditVerdict, bindVerdict } from '../../src/verdict/local-verdict.js';
import type { ResultState } from '../../src/model/state.js';

describe('auditVerdict: the port as the server should look', () => {
  it.each([
    ['free', 'free', false, 'pass'],
    ['free', 'listening', false, 'fail'],
    ['free', 'unknown', false, 'unknown'],
    ['listening', 'listening', false, 'pass'],
    ['listening', 'listening', true, 'fail'],
    ['listening', 'free', false, 'fail'],
    ['listening', 'unknown', false, 'unknown'],
  ] as const)('--expect %s, %s, unreachable to clients %s: %s', (expect_, state, unreachable, verdict) => {
    expect(auditVerdict({ state, unreachable }, expect_)).toBe(verdict);
  });
});

describe('bindVerdict: the responder holds the port', () => {
  it.each([
    ['bound', 'pass'],
    ['in-use', 'fail'],
    ['needs-privileges', 'fail'],
    ['address-not-available', 'fail'],
    ['error', 'fail'],
  ] as const)('%s: %s', (state, verdict) => {
    expect(bindVerdict({ state: state as ResultState })).toBe(verdict);
  });
});
