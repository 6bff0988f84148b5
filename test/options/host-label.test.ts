import { describe, expect, it } from 'vitest';
import { hostLabel } from '../../src/options/fields.js';

describe('check --from NAME: the probing host as results name it', () => {
  it.each(['pc-lyon-17', 'client.corp.example', 'PC 17 (Lyon)', 'x'.repeat(253)])('%s is taken as given', (name) => {
    expect(hostLabel('from', name)).toBe(name);
  });

  it('is optional', () => {
    expect(hostLabel('from', undefined)).toBeUndefined();
  });

  it.each([
    ['', 'from "": expected the probing host\'s name (1 to 253 printable characters)'],
    ['a\nb', 'from "a\\nb": expected the probing host\'s name (1 to 253 printable characters)'],
    ['x'.repeat(254), `from ${'x'.repeat(254)}: expected the probing host's name (1 to 253 printable characters)`],
  ])('%j is refused', (name, message) => {
    expect(() => hostLabel('from', name)).toThrow(message);
  });
});
