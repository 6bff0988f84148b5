import { describe, expect, it } from 'vitest';
import { rowVerdict } from '../../src/verdict/row-verdict.js';
import type { Verdict } from '../../src/model/state.js';

describe('rowVerdict: every port must pass; with anyOf one is enough', () => {
  it.each([
    ['all ports pass', ['pass', 'pass'], false, 'pass'],
    ['one port fails', ['pass', 'fail'], false, 'fail'],
    ['one port unknown, none fails', ['pass', 'unknown'], false, 'unknown'],
    ['a failure outweighs an unknown', ['unknown', 'fail'], false, 'fail'],
    ['every port unknown', ['unknown', 'unknown'], false, 'unknown'],
    ['no port at all', [], false, 'fail'],
    ['anyOf: one alternative passes', ['fail', 'pass', 'unknown'], true, 'pass'],
    ['anyOf: none passes, one unknown', ['fail', 'unknown'], true, 'unknown'],
    ['anyOf: every alternative fails', ['fail', 'fail'], true, 'fail'],
    ['anyOf: no port at all', [], true, 'fail'],
  ] as const)('%s', (_, verdicts, anyOf, expected) => {
    expect(rowVerdict([...verdicts] as Verdict[], anyOf)).toBe(expected);
  });
});
