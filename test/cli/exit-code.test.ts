import { describe, expect, it } from 'vitest';
import { exitCodeOf } from '../../src/cli/exit-code.js';
import type { Report, RowResult } from '../../src/model/report.js';
import type { Verdict } from '../../src/model/state.js';

// A report with rows of these verdicts and this many skipped rows; the exit code reads nothing else.
function report(verdicts: Verdict[], skipped = 0): Report {
  const rows = verdicts.map((verdict, i) => ({ id: `r${i}`, verdict }) as RowResult);
  return {
    rows,
    skipped: Array.from({ length: skipped }, (_, i) => ({ id: `s${i}`, direction: 'inbound', reason: 'no peer' })),
  } as unknown as Report;
}

describe('exitCodeOf: 0 when every row passes; --strict also fails unknown and skipped rows', () => {
  it.each([
    ['every row passes', ['pass', 'pass'], 0, false, 0],
    ['every row passes, strict', ['pass', 'pass'], 0, true, 0],
    ['a row fails', ['pass', 'fail'], 0, false, 1],
    ['a row fails, strict', ['pass', 'fail'], 0, true, 1],
    ['a row is unknown', ['pass', 'unknown'], 0, false, 0],
    ['a row is unknown, strict', ['pass', 'unknown'], 0, true, 1],
    ['a selected row was skipped', ['pass'], 1, false, 0],
    ['a selected row was skipped, strict', ['pass'], 1, true, 1],
    ['no rows', [], 0, false, 0],
  ] as const)('%s: exit %s', (_, verdicts, skipped, strict, code) => {
    expect(exitCodeOf(report([...verdicts], skipped), strict)).toBe(code);
  });
});
