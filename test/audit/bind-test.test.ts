import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentPlatform } from '../../src/platform/index.js';
import { ROOT } from '../helpers/cli.js';

describe("audit's bind test refused (EACCES): each platform says why it cannot tell", () => {
  it.each([
    ['linux', 'tcp', 80, 'binding tcp/80 needs privileges here (run audit as root)'],
    [
      'win32',
      'udp',
      3389,
      'binding udp/3389 was refused (access denied): Windows reserves it ' +
        '(`netsh interface ipv4 show excludedportrange protocol=udp`) or a program holds it exclusively',
    ],
    ['darwin', 'tcp', 80, 'binding tcp/80 needs privileges here'],
  ] as const)('%s %s/%d', (os, protocol, port, why) => {
    expect(currentPlatform(os).bindDenied(port, protocol)).toBe(why);
  });
});

// A port below 1024 that root can bind right now (so an unprivileged bind of it fails only for privileges).
async function freeLowPort(): Promise<number> {
  for (let port = 990; port > 900; port--) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.createServer().once('error', () => resolve(false));
      s.listen({ port, host: '0.0.0.0', exclusive: true }, () => s.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error('no free port in 901-990');
}

const canDrop = process.getuid?.() === 0 && spawnSync('runuser', ['--help']).status === 0;

describe.skipIf(!canDrop)('a real refused bind (as nobody, below 1024) is unknown, never free', () => {
  it('tcp', async () => {
    const port = await freeLowPort();
    const module = path.join(ROOT, 'dist', 'audit', 'bind-test.js');
    const script =
      `import(${JSON.stringify(module)})` +
      `.then(async (m) => console.log(JSON.stringify(await m.bindTest('tcp', ${port}))))`;
    const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(r.stdout)).toEqual({
      state: 'unknown',
      why: `binding tcp/${port} needs privileges here (run audit as root)`,
    });
  });
});
