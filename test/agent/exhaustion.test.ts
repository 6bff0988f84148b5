import net from 'node:net';
import tls from 'node:tls';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../src/agent/agent-server.js';
import { agentTargets } from '../../src/agent/target-list.js';
import { parseAllowList } from '../../src/responder/allow-list.js';
import { newToken } from '../../src/options/token.js';
import { CLI, tempDir } from '../helpers/cli.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TK = newToken();
const linux = process.platform === 'linux';

// CPU seconds (user + system) and resident memory (bytes) of a process, from /proc.
function usage(pid: number): { cpuS: number; rss: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return { cpuS: ticks / 100, rss: rssKb * 1024 };
}

// Starts `portmatrix agent` as its own process, so its CPU and memory can be measured; resolves to its port.
async function agentProcess(dir: string): Promise<{ child: ChildProcess; port: number }> {
  const file = path.join(dir, 'token');
  fs.writeFileSync(file, `${TK}\n`, { mode: 0o600 });
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((r) => probe.close(r));
  const args = ['agent', '--token-file', file, '--bind', '127.0.0.1', '--control', String(port), '--duration', '120'];
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d;
      if (err.includes('agent on control port')) resolve();
    });
    child.once('exit', () => reject(new Error(`agent exited: ${err}`)));
  });
  return { child, port };
}

describe.skipIf(!linux)('the control port under a pre-authentication flood (agent in its own process)', () => {
  let agent: { child: ChildProcess; port: number };
  beforeAll(async () => {
    agent = await agentProcess(tempDir());
  });
  afterAll(() => {
    agent?.child.kill();
  });

  it('a 16 MiB request line without a newline costs ≤ 0.5 s CPU and ≤ 64 MiB, ' +
    'and the connection is dropped', async () => {
    const pid = agent.child.pid!;
    await sleep(300);
    const before = usage(pid);
    let peak = before.rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, usage(pid).rss);
    }, 10);
    const s = tls.connect({ host: '127.0.0.1', port: agent.port, rejectUnauthorized: false });
    s.on('error', () => undefined);
    await new Promise((r) => s.once('secureConnect', r));
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    let written = 0;
    const closed = new Promise((r) => s.once('close', r));
    for (let i = 0; i < 16 && !s.destroyed; i++) {
      if (!s.write(chunk)) await Promise.race([new Promise((r) => s.once('drain', r)), closed]);
      written++;
    }
    await closed;
    await sleep(200);
    clearInterval(sampler);
    const after = usage(pid);
    console.log(
      `16 MiB line: agent used ${(after.cpuS - before.cpuS).toFixed(2)} s CPU, ` +
        `+${((peak - before.rss) / 2 ** 20).toFixed(1)} MiB RSS at peak; ${written} MiB written before the drop`,
    );
    expect(s.destroyed).toBe(true); // the agent dropped it (had it not, `closed` would never have settled)
    expect(after.cpuS - before.cpuS).toBeLessThanOrEqual(0.5);
    expect(peak - before.rss).toBeLessThanOrEqual(64 * 2 ** 20);
  }, 60000);
});

describe('the control port bounds every connection before authentication', () => {
  let agent: RunningAgent;
  beforeAll(async () => {
    agent = await startAgent({
      token: TK,
      port: 0,
      bind: '127.0.0.1',
      allow: parseAllowList(['127.0.0.1']),
      targets: agentTargets(['127.0.0.0/8']),
      limits: { requestMs: 3000, handshakeMs: 2000 },
    });
  });
  afterAll(() => agent?.close());

  it('300 held connections are all closed (most at once by the per-source cap, the rest at the deadline)', async () => {
    const closedAt: number[] = [];
    const t0 = Date.now();
    const sockets = Array.from({ length: 300 }, () => {
      const s = net.connect({ host: '127.0.0.1', port: agent.port });
      s.on('error', () => undefined);
      s.on('close', () => closedAt.push(Date.now() - t0));
      return s;
    });
    for (let waited = 0; closedAt.length < 300 && waited < 30000; waited += 100) await sleep(100);
    expect(closedAt.length).toBe(300);
    expect(agent.stats.refused).toBeGreaterThanOrEqual(300 - 8);
    expect(agent.stats.open).toBe(0);
    for (const s of sockets) s.destroy();
  }, 40000);

  it('a client trickling a byte at a time is closed at the request deadline', async () => {
    const s = tls.connect({ host: '127.0.0.1', port: agent.port, rejectUnauthorized: false });
    s.on('error', () => undefined);
    let closed = false;
    s.on('close', () => {
      closed = true;
    });
    await new Promise((r) => s.once('secureConnect', r));
    for (let i = 0; i < 25 && !closed; i++) {
      s.write('{');
      await sleep(200);
    }
    expect(closed).toBe(true); // 25 bytes 200 ms apart: 5 s, beyond the 3 s deadline
  }, 20000);

  it('a client that never starts TLS is closed at the handshake deadline', async () => {
    const s = net.connect({ host: '127.0.0.1', port: agent.port });
    s.on('error', () => undefined);
    const closed = await Promise.race([new Promise((r) => s.once('close', () => r(true))), sleep(6000)]);
    expect(closed).toBe(true);
  }, 10000);

  it('a source outside --allow completes no TLS handshake', async () => {
    const before = { ...agent.stats };
    let handshakes = 0;
    await Promise.all(
      Array.from(
        { length: 50 },
        () =>
          new Promise<void>((resolve) => {
            // localAddress reaches net.connect; tls' option type does not list it.
            const options: tls.ConnectionOptions & { localAddress: string } = {
              host: '127.0.0.1',
              port: agent.port,
              localAddress: '127.0.0.2',
              rejectUnauthorized: false,
            };
            const s = tls.connect(options);
            s.once('secureConnect', () => handshakes++);
            s.on('error', () => undefined);
            s.once('close', () => resolve());
          }),
      ),
    );
    expect(handshakes).toBe(0);
    expect(agent.stats.handshakes - before.handshakes).toBe(0);
    expect(agent.stats.refused - before.refused).toBe(50);
  });
});
