import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

// The option names in the first column of the table headed by `header` in docs/usage.md.
function documentedOptions(header: string): string[] {
  const text = readFileSync(path.join(ROOT, 'docs', 'usage.md'), 'utf8');
  const lines = text.slice(text.indexOf(header)).split('\n');
  const rows = lines.slice(2).filter((_, i, all) => all.slice(0, i + 1).every((l) => l.startsWith('|')));
  return rows.flatMap((l) => [...(l.split('|')[1] ?? '').matchAll(/`(--[a-z-]+)/g)].map((m) => m[1]!));
}

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
