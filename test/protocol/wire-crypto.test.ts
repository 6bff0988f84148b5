import { describe, expect, it } from 'vitest';
import { newNonce, sameMac, wireMac, type MacField } from '../../src/protocol/wire-crypto.js';
import { readLine } from '../../src/protocol/line-reader.js';
import { PassThrough } from 'node:stream';

describe('wire MACs', () => {
  it.each<[string, MacField[], MacField[]]>([
    ['field boundaries', ['a', 'bc'], ['ab', 'c']],
    ['a separator inside a field', ['a.b', 'c'], ['a', 'b.c']],
    ['types', [1], ['1']],
    ['booleans and strings', [true], ['1']],
    ['field count', ['a', ''], ['a']],
  ])('%s never collide', (_n, a, b) => {
    expect(wireMac('k', 'pmx1 agent response', a)).not.toBe(wireMac('k', 'pmx1 agent response', b));
  });

  it('labels separate purposes: a reply MAC is not a busy MAC or an agent MAC', () => {
    const fields = ['n', 'udp', 161];
    const macs = new Set(
      (['pmx1 probe reply', 'pmx1 probe busy', 'pmx1 agent request', 'pmx1 agent response'] as const).map((l) =>
        wireMac('k', l, fields),
      ),
    );
    expect(macs.size).toBe(4);
  });

  it.each([
    ['the same MAC', (m: string) => m, true],
    ['another MAC', () => wireMac('k', 'pmx1 probe reply', ['other']), false],
    ['upper case', (m: string) => m.toUpperCase(), false],
    ['truncated', (m: string) => m.slice(0, 62), false],
    ['not a string', () => 42 as never, false],
    ['empty', () => '', false],
  ])('sameMac: %s -> %s', (_n, mutate, same) => {
    const mac = wireMac('k', 'pmx1 probe reply', ['n']);
    expect(sameMac(mutate(mac), mac)).toBe(same);
  });

  it('nonces are 128 bits of hex, fresh each time', () => {
    const a = newNonce();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newNonce()).not.toBe(a);
  });
});

describe('readLine', () => {
  it.each([
    ['one chunk', ['abc\nrest'], 16, 'abc\n'],
    ['split across chunks', ['ab', 'c', 'd\nxx'], 16, 'abcd\n'],
    ['exactly the cap', ['abc', '\n'], 4, 'abc\n'],
    ['over the cap', ['abcd', '\n'], 4, 'too long'],
    ['over the cap without a newline', ['a'.repeat(10)], 4, 'too long'],
  ])('%s', (_n, chunks, max, want) => {
    const s = new PassThrough();
    let got = '';
    readLine(
      s,
      max,
      (line) => {
        got = line.toString();
      },
      () => {
        got = 'too long';
      },
    );
    for (const c of chunks) s.write(Buffer.from(c));
    expect(got).toBe(want);
  });
});
