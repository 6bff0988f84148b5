import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { documentedOptions } from '../helpers/usage-doc.js';

describe('docs/usage.md lists only options agent takes', () => {
  it('every option of the agent table appears in agent --help, and agent --help has none the table lacks', async () => {
    const help = await runCli(['agent', '--help']);
    const taken = [...help.stdout.matchAll(/^\s+(--[a-z-]+)/gm)].map((m) => m[1]!);
    const documented = documentedOptions('| `agent` option |');
    expect(documented.length).toBeGreaterThan(0);
    for (const o of documented) expect(taken).toContain(o);
    const undocumented = taken.filter((o) => !['--help', '--version', '--token', ...documented].includes(o));
    expect(undocumented).toEqual([]);
  });

  it('the options every command takes are said not to apply to agent (it refuses them)', () => {
    const text = readFileSync(path.join(ROOT, 'docs', 'usage.md'), 'utf8');
    expect(text).toMatch(/^## Options every command takes \(but `agent` and `token`\)$/m);
    expect(documentedOptions('| option | meaning |')).toEqual(expect.arrayContaining(['--ports', '--format']));
  });

  it.each(['--ports', '--app', '--format', '--output', '--width'])(
    'agent %s is refused before anything runs',
    async (o) => {
      const r = await runCli(['agent', o, 'x', '--control', '0', '--duration', '1']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`portmatrix: unknown option ${o}\n`);
    },
  );
});
