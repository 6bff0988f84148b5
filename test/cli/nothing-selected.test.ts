import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('a check that selects no probe at all is a usage error, never a green run (exit 2)', () => {
  it.each([
    [['--only', '12345'], 'portmatrix: --only 12345: no port of the selected rows is in it'],
    [['--app', 'nosuchapp'], 'portmatrix: --app nosuchapp: no selected row matches'],
  ])('check 127.0.0.1 %j', async (args, message) => {
    const r = await runCli(['check', '127.0.0.1', '--strict', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});
