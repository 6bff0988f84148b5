import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIN_TOKEN_BITS, newToken, readToken, tokenBits } from '../../src/options/token.js';
import { InputError } from '../../src/errors.js';
import { runCli, tempDir } from '../helpers/cli.js';

describe('token strength', () => {
  it.each([
    ['pm2024', 31],
    ['0123456789abcdef0123456789abcdef', 128], // 32 hex digits
    ['0123456789abcdef0123456789abcde', 124],
    ['correcthorsebatterystaple', 117], // 25 lower-case letters
    ['correct-horse-battery-staple', 164],
    ['Ab3'.repeat(8), 142],
  ])('%s: at most %i bits', (token, bits) => {
    expect(tokenBits(token)).toBe(bits);
  });

  it('portmatrix token makes 256 random bits, base64url', () => {
    const t = newToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t, 'base64url').length).toBe(32);
    expect(tokenBits(t)).toBeGreaterThanOrEqual(MIN_TOKEN_BITS);
    expect(newToken()).not.toBe(t);
  });
});

describe('reading the token', () => {
  const strong = newToken();
  const file = (mode: number, text = `${strong}\n`) => {
    const f = path.join(tempDir(), 'token');
    fs.writeFileSync(f, text, { mode });
    fs.chmodSync(f, mode);
    return f;
  };

  it.each([
    ['--token', { token: strong }, strong],
    ['PORTMATRIX_TOKEN', { env: strong }, strong],
    ['--token before the variable', { token: strong, env: 'x' }, strong],
    ['none', {}, undefined],
  ])('%s', (_n, src, want) => {
    expect(readToken(src)).toBe(want);
  });

  it.skipIf(process.platform === 'win32')(
    '--token-file: first line, trimmed; warns when group or others may read it',
    () => {
      const warnings: string[] = [];
      expect(readToken({ tokenFile: file(0o600) }, (m) => warnings.push(m))).toBe(strong);
      expect(warnings).toEqual([]);
      const open = file(0o644);
      expect(readToken({ tokenFile: open }, (m) => warnings.push(m))).toBe(strong);
      expect(warnings).toEqual([
        `warning: --token-file "${open}" is readable by group or others (mode 644): chmod 600 "${open}"`,
      ]);
    },
  );

  it.each([
    ['a weak variable', { env: 'secret' }, /^PORTMATRIX_TOKEN: the token is too weak \(at most 28 bits/],
    ['an empty file', { tokenFile: 'EMPTY' }, /: the token is empty/],
  ])('%s is an input error that never shows the token', (_n, src, message) => {
    const s = 'tokenFile' in src ? { tokenFile: file(0o600, '\n') } : src;
    expect(() => readToken(s)).toThrow(InputError);
    expect(() => readToken(s)).toThrow(message);
  });
});

describe('portmatrix token', () => {
  it('prints a fresh token, exit 0', async () => {
    const [a, b] = await Promise.all([runCli(['token']), runCli(['token'])]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    expect(a.stdout).not.toBe(b.stdout);
  });
});
