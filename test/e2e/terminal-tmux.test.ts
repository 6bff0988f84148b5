import { afterEach, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/report/text-width.js';
import { CLI } from '../helpers/cli.js';
import { TmuxTerminal, hasTmux } from '../helpers/tmux.js';

const canRun = hasTmux();
if (!canRun) console.warn('SKIP terminal tests: needs the Debian package tmux (.ci/run installs it)');

// The real CLI in a real terminal: the first run of the README (npm start) and the port table.
const FIRST_RUN = [process.execPath, CLI, 'check', '127.0.0.1', '--quiet'];
const PORTS = [process.execPath, CLI, 'ports'];

describe.skipIf(!canRun)('the matrix in a real terminal (tmux)', () => {
  let term: TmuxTerminal | undefined;
  afterEach(() => term?.close());

  it.each([
    ['check 127.0.0.1', 80, FIRST_RUN],
    ['check 127.0.0.1', 120, FIRST_RUN],
    ['ports', 80, PORTS],
    ['ports', 120, PORTS],
  ])('%s at %i columns: no line is wider than the terminal', async (_name, columns, argv) => {
    term = new TmuxTerminal();
    await term.run(argv, columns);
    expect(term.width()).toBe(columns);
    const lines = term.capture();
    expect(lines.length).toBeGreaterThan(20);
    const wide = lines.filter((l) => displayWidth(l) > columns);
    expect(wide).toEqual([]);
    // Drawn with box characters and ✔/✘: tmux gets UTF-8 (-u), and nothing asked for ASCII.
    expect(lines.join('\n')).toMatch(/┌/);
  });

  it("a first run at 120 columns ends with what to do next, within 100 lines with npm's own", async () => {
    term = new TmuxTerminal();
    await term.run(FIRST_RUN, 120);
    const lines = term.capture();
    expect(lines.length).toBeLessThanOrEqual(96);
    // npm start checks the inbound rows: outbound ones are checked on the server, with --peer hosts.
    expect(lines.join('\n')).toMatch(/\n\d+ of 30 rows fails? · probes \d+ · .*\nNext: /);
  });

  it('the check would see a line wider than the terminal (--width 200 in 80 columns)', async () => {
    term = new TmuxTerminal();
    await term.run([...PORTS, '--width', '200'], 80);
    expect(term.capture().filter((l) => displayWidth(l) > 80).length).toBeGreaterThan(10);
  });

  it('TERM=dumb draws in ASCII', async () => {
    term = new TmuxTerminal();
    await term.run(['env', 'TERM=dumb', ...PORTS], 80);
    const text = term.capture().join('\n');
    expect(text).toMatch(/^\+-+\+/m);
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
  });
});
