import { describe, expect, it } from 'vitest';
import { csvField, markdownText, xmlEscape } from '../../src/report/escape.js';

describe('one escaping per output kind', () => {
  it.each([
    ['plain', 'plain'],
    ['a < b & c > d', 'a &lt; b &amp; c &gt; d'],
    [`say "hi" it's`, 'say &quot;hi&quot; it&apos;s'],
    ['&amp;', '&amp;amp;'],
    ['bell\u0007 nul\u0000 ok\ttab\nline\rcr', 'bell nul ok\ttab\nline\rcr'],
    ['\ufffe\uffff日本', '日本'],
    [undefined, ''],
    [null, ''],
    [443, '443'],
  ])('XML and HTML: %j -> %j', (value, expected) => {
    expect(xmlEscape(value)).toBe(expected);
  });

  it.each([
    ['plain', 'plain'],
    ['a|b', 'a\\|b'],
    ['C:\\Program Files', 'C:\\\\Program Files'],
    ['\\|', '\\\\\\|'],
    ['two\nlines', 'two lines'],
    ['crlf\r\nline', 'crlf line'],
    ['**bold** `code`', '**bold** `code`'],
  ])('Markdown: %j -> %j', (text, expected) => {
    expect(markdownText(text)).toBe(expected);
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['', ''],
    [undefined, ''],
    [null, ''],
    [0, '0'],
    [false, 'false'],
  ])('CSV: %j -> %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});
