import { describe, expect, it } from 'vitest';
import { firstJsonError, lineColumn } from '../../src/merge/json-syntax.js';

describe('firstJsonError: where a JSON text stops being JSON', () => {
  it.each([
    ['{"a":}', 0, 5, 'a value'],
    ['{"a":1', 0, 6, "',' or '}'"],
    ['{"a":1}x', 0, 7, 'the end of the document'],
    ['[1,2', 0, 4, "',' or ']'"],
    ['{\n"a": tru}', 1, 7, 'a value'],
    ['{"a":"b', 0, 7, 'a closing quote'],
    ['{"a":"\\q"}', 0, 7, 'an escape'],
    ['{"a":"\\u12"}', 0, 8, 'four hex digits'],
    ['{a:1}', 0, 1, 'a property name in double quotes'],
    ['{"a" 1}', 0, 5, "':' after the property name"],
    ['{"a":-}', 0, 6, 'a number'],
    ['{"a":"x\ny"}', 0, 7, 'control characters must be escaped'],
    ['', 0, 0, 'a value'],
    ['[[[[', 0, 4, 'a value'],
  ])('%j: error at line %i offset %i, expecting %s', (text, line, offset, expected) => {
    const err = firstJsonError(text);
    expect(err?.offset).toBe(offset);
    expect(err?.expected).toContain(expected);
    expect(lineColumn(text, offset).line).toBe(line + 1);
    expect(() => JSON.parse(text)).toThrow();
  });

  it.each(['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"], "b": {}} ', '0', '"s"'])(
    '%j is JSON',
    (text) => {
      expect(firstJsonError(text)).toBeUndefined();
      expect(() => JSON.parse(text)).not.toThrow();
    },
  );

  it('refuses nesting deeper than 512 levels without overflowing the stack', () => {
    const deep = `${'['.repeat(600)}${']'.repeat(600)}`;
    expect(firstJsonError(deep)?.expected).toMatch(/at most 512 levels/);
  });

  it.each([
    ['abc', 0, 1, 1],
    ['ab\ncd', 4, 2, 2],
    ['ab\ncd\n', 6, 3, 1],
  ])('lineColumn(%j, %i) is line %i column %i', (text, offset, line, column) => {
    expect(lineColumn(text, offset)).toEqual({ line, column });
  });
});
