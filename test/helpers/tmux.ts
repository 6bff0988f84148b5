import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { tempDir } from './cli.js';

/** True when the tmux binary runs here. */
export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V']).status === 0;
}

/** A private tmux server (its own socket, so parallel runs never meet) with one terminal of a given size. */
export class TmuxTerminal {
  private readonly socket = `portmatrix-test-${process.pid}-${randomBytes(4).toString('hex')}`;

  // Runs a tmux command against this test's own server.
  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-u', '-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Runs `argv` in a fresh terminal of columns × rows (UTF-8, scrollback kept) and waits for it to end. */
  async run(argv: string[], columns: number, rows = 50, timeoutMs = 30000): Promise<void> {
    const conf = path.join(tempDir('portmatrix-tmux-'), 'tmux.conf');
    writeFileSync(conf, 'set -g history-limit 20000\nset -g remain-on-exit on\nset -g status off\n');
    const command = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    this.tmux('-f', conf, 'new-session', '-d', '-x', String(columns), '-y', String(rows), '-s', 'pm', command);
    const deadline = Date.now() + timeoutMs;
    while (this.tmux('display-message', '-p', '-t', 'pm', '#{pane_dead}').trim() !== '1') {
      if (Date.now() > deadline) throw new Error(`tmux: ${argv.join(' ')} did not end within ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  /** The terminal's width as tmux has it. */
  width(): number {
    return Number(this.tmux('display-message', '-p', '-t', 'pm', '#{pane_width}').trim());
  }

  /** Everything the terminal showed, scrollback included; lines the terminal wrapped are joined back (-J). */
  capture(): string[] {
    const text = this.tmux('capture-pane', '-p', '-J', '-S', '-', '-E', '-', '-t', 'pm');
    const lines = text.split('\n').map((l) => l.trimEnd());
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return lines;
  }

  /** Stops this test's tmux server (only its own socket) and removes the socket file it leaves. */
  close(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
    const dir = path.join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`);
    rmSync(path.join(dir, this.socket), { force: true });
  }
}
