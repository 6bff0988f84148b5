import { describe, expect, it } from 'vitest';
import { fitColumns, tableWidth } from '../../src/report/fit-columns.js';
import { displayWidth, longestWord, truncateText, wrapText } from '../../src/report/text-width.js';

describe('fitting text to a terminal', () => {
  it.each([
    ['a b c', 3, '', '', ['a b', 'c']],
    ['allow tcp/443 from csm01', 12, '  ', '    ', ['  allow', '    tcp/443', '    from', '    csm01']],
    ['event-services-software-listening', 16, '', '', ['event-services-', 'software-', 'listening']],
    ['tcp 40050-40070', 12, '', '', ['tcp', '40050-40070']],
    ['abcdefghij', 4, '', '', ['abcd', 'efgh', 'ij']],
    ['古古古 x', 4, '', '', ['古古', '古 x']],
    ['one line', undefined, '- ', '  ', ['- one line']],
  ])('wrapText(%j, %s) -> %j', (text, width, indent, hanging, lines) => {
    expect(wrapText(text, width, indent, hanging)).toEqual(lines);
  });

  it.each([
    ['Security Manager', 20, 'Security Manager'],
    ['Security Manager', 10, 'Security…'],
    ['古古古古', 5, '古古…'],
  ])('truncateText(%j, %i) -> %j', (text, width, out) => {
    expect(truncateText(text, width)).toBe(out);
    expect(displayWidth(truncateText(text, width))).toBeLessThanOrEqual(width);
  });

  it.each([
    ['http-1741-performance-monitor', 12],
    ['40050-40070', 11],
    ['a bb ccc', 3],
  ])('longestWord(%j) = %i', (text, width) => {
    expect(longestWord(text)).toBe(width);
  });

  it.each([
    // natural widths fit: untouched
    [
      [
        { natural: 10, min: 5 },
        { natural: 10, min: 5 },
      ],
      40,
      [10, 10],
    ],
    // the column whose narrowing cuts fewest cells gives first
    [
      [
        { natural: 20, min: 5, cells: [20, 20, 20] },
        { natural: 20, min: 5, cells: [20, 3, 3] },
      ],
      35,
      [20, 8],
    ],
    // minimums that do not fit: undefined
    [
      [
        { natural: 30, min: 30 },
        { natural: 30, min: 30 },
      ],
      40,
      undefined,
    ],
  ])('fitColumns(%j, %i) -> %j', (specs, width, widths) => {
    const out = fitColumns(specs, width);
    expect(out).toEqual(widths);
    if (out) expect(tableWidth(out)).toBeLessThanOrEqual(width);
  });
});
