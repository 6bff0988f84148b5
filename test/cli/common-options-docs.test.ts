import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { documentedOptions } from '../helpers/usage-doc.js';
import { COMMAND_LOADERS } from '../../src/cli/commands.js';
import { CONTRACT, MATRIX, OPTIONS, SERVE_EXCEPT } from '../../src/cli/option-declarations.js';

const USAGE = readFileSync(path.join(ROOT, 'docs', 'usage.md'), 'utf8');
// Commands that print no report and take none of the common options (usage.md says so).
const NO_REPORT = ['agent', 'token'];

// The flags a command's --help lists (a boolean shows as --color; its negation is --no-color).
async function helpFlags(command: string): Promise<string[]> {
  const help = await runCli([command, '--help']);
  expect(help.code).toBe(0);
  return [...help.stdout.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) =>
    m[1] === '--color' ? '--no-color' : m[1]!,
  );
}

const flag = (name: string) => (name === 'color' ? '--no-color' : `--${name}`);
const commands = Object.keys(COMMAND_LOADERS).filter((c) => !NO_REPORT.includes(c));

describe('docs/usage.md "Options every command takes" is what every command takes', () => {
  it("the table lists the contract's options, as declared", () => {
    expect(documentedOptions('| option | meaning |')).toEqual(CONTRACT.map(flag));
    expect(documentedOptions('| matrix option | meaning |').sort()).toEqual(MATRIX.map(flag).sort());
  });

  it.each(commands)('%s --help lists each of them (serve: but --format and --output, as usage.md says)', async (c) => {
    const taken = await helpFlags(c);
    const expected = CONTRACT.filter((o) => c !== 'serve' || !SERVE_EXCEPT.includes(o)).map(flag);
    expect(taken).toEqual(expect.arrayContaining(expected));
    if (c === 'serve') for (const o of SERVE_EXCEPT) expect(taken).not.toContain(flag(o));
  });

  it.each(commands)("%s: usage.md's matrix-option heading says whether it takes --width and --quiet", async (c) => {
    const heading = USAGE.split('\n').find((l) => l.startsWith('## Options of the commands that draw the matrix'))!;
    const taken = await helpFlags(c);
    const listed = heading.includes(`\`${c}\``);
    for (const o of MATRIX) expect([c, o, taken.includes(flag(o))]).toEqual([c, o, listed]);
  });

  it.each(commands)('%s --help describes --app as every command does (one declaration)', async (c) => {
    const help = (await runCli([c, '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`--app ${OPTIONS.app.describe} [array]`);
  });

  it('serve refuses --format and --output, as usage.md says', () => {
    expect(USAGE).toContain('`serve` takes `--ports`, `--app` and `--no-color` but not `--format` or `--output`');
  });

  it.each([
    [['rules', '--dialect', 'nftables', '--no-color'], 0],
    [['rules', '--dialect', 'nftables', '--app', 'aus', '--format', 'json'], 0],
    [['ports', '--no-color', '--app', 'aus'], 0],
  ])('%j is accepted (exit %i)', async (args, code) => {
    const r = await runCli(args);
    expect([r.code, r.stderr]).toEqual([code, '']);
  });
});

describe('a selection that leaves nothing is exit 2, naming the option (ports, as check)', () => {
  it.each([
    [['--app', 'secur'], 'portmatrix: --app secur: no selected row matches\n'],
    [['--app', 'aus', '--protocol', 'udp'], 'portmatrix: --protocol udp: no selected row has it\n'],
    [['--protocol', 'udp', '--only', '443'], 'portmatrix: --only 443: no port of the selected rows is in it\n'],
    [['--app', 'https-aus', '--direction', 'outbound'], 'portmatrix: --direction outbound: no selected row has it\n'],
  ])('ports %j', async (args, message) => {
    const r = await runCli(['ports', ...args]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', message]);
  });
});
