import { describe, expect, it } from 'vitest';
import { terminalContext, terminalWidth } from '../../src/cli/terminal.js';
import { InputError } from '../../src/errors.js';
import { currentPlatform } from '../../src/platform/index.js';
import { runCli } from '../helpers/cli.js';

const tty = (columns: number) => ({ isTTY: true, columns }) as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;

describe('the terminal the matrix is drawn for', () => {
  it.each([
    [undefined, tty(132), 132],
    [undefined, tty(60), 80],
    [undefined, pipe, undefined],
    [100, pipe, 100],
    [0, tty(132), undefined],
  ])('--width %s on %j -> %s', (flag, stream, width) => {
    expect(terminalWidth(flag, stream)).toBe(width);
  });

  it.each([[-1], [39], [1.5], [20000]])('--width %s is an input error', (flag) => {
    expect(() => terminalWidth(flag, pipe)).toThrow(InputError);
    expect(() => terminalWidth(flag, pipe)).toThrow(/^width /);
  });

  it.each([
    ['linux', {}, undefined, false],
    ['linux', { TERM: 'dumb' }, undefined, true],
    ['linux', { TERM: 'dumb' }, false, false],
    ['linux', { TERM: 'xterm-256color' }, true, true],
    ['win32', {}, undefined, true],
    ['win32', { WT_SESSION: 'b2a1' }, undefined, false],
    ['win32', { TERM_PROGRAM: 'vscode' }, undefined, false],
    ['win32', { ConEmuANSI: 'ON' }, undefined, false],
    ['win32', { TERM: 'xterm' }, undefined, false],
    ['darwin', { TERM: 'dumb' }, undefined, true],
  ] as const)('on %s with %j and --ascii %s: ascii %s', (os, env, flag, ascii) => {
    const ctx = terminalContext({ ascii: flag }, tty(100), env, currentPlatform(os));
    expect(ctx.ascii).toBe(ascii);
  });

  it.each([
    ['linux', { TERM: 'dumb' }],
    ['win32', {}],
  ] as const)('into a pipe or a file on %s with %j: UTF-8 (no ASCII unless asked)', (os, env) => {
    expect(terminalContext({}, pipe, env, currentPlatform(os)).ascii).toBe(false);
    expect(terminalContext({ ascii: true }, pipe, env, currentPlatform(os)).ascii).toBe(true);
  });

  it.each([
    ['30', '--width 30: expected 0 (no limit) or a width from 40 to 10000'],
    ['wide', '--width wide: expected a whole number from 0 to 10000'],
  ])('check --width %s is refused before anything is probed (exit 2)', async (value, message) => {
    const r = await runCli(['check', '127.0.0.1', '--only', '1', '--width', value]);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr.split('\n')[0]).toBe(`portmatrix: ${message}`);
  });

  it('--explain and the colour flag pass through', () => {
    expect(terminalContext({ explain: true, color: false }, tty(100), {}, currentPlatform('linux'))).toEqual({
      color: false,
      width: 100,
      ascii: false,
      explain: true,
    });
  });
});
