import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import net from 'node:net';
import { loadTable } from '../../src/table/load-table.js';
import { parseAllowList } from '../../src/responder/allow-list.js';
import { runCheck } from '../../src/commands/check.js';
import { encodeRequest, newNonce } from '../../src/protocol/pmx-message.js';
import { DEFAULT_RATE_LIMIT } from '../../src/responder/rate-limit.js';
import { listenAtFreeOffset } from '../helpers/offset.js';
import type { RunningResponder } from '../../src/commands/listen.js';

const TOKEN = 'abuse-secret';
const table = loadTable();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// An honest verified check of one TCP and one UDP port, from 127.0.0.1.
async function honest(offset: number) {
  const report = await runCheck({
    table,
    apps: [],
    hosts: ['127.0.0.1'],
    peers: new Map(),
    direction: 'inbound',
    only: new Set([443, 42342]),
    portOffset: offset,
    concurrency: 8,
    timeoutMs: 1500,
    retries: 1,
    token: TOKEN,
    adaptive: false,
  });
  return [...new Set(report.results.map((r) => `${r.protocol}:${r.state}:${r.verified}`))].sort();
}

describe('the responder under abuse', () => {
  let running: RunningResponder;
  let offset: number;
  beforeAll(async () => {
    ({ running, offset } = await listenAtFreeOffset({
      table,
      apps: [],
      direction: 'inbound',
      token: TOKEN,
      allow: parseAllowList([]),
      only: new Set([443, 42342]),
      bind: '127.0.0.1',
      idleMs: 1000,
    }));
  });
  afterAll(() => running?.close());

  it('100,000 garbage and oversized datagrams: no reply, bounded memory, honest probes still verified', async () => {
    const flood = dgram.createSocket('udp4');
    await new Promise<void>((r) => flood.bind(0, '127.0.0.2', r));
    let replies = 0;
    flood.on('message', () => replies++);
    const heapBefore = process.memoryUsage().heapUsed;
    const port = 42342 + offset;
    const junk = Buffer.alloc(1200, 0xaa);
    const big = Buffer.alloc(60000, 0x41);
    for (let i = 0; i < 100000; i++) {
      flood.send(i % 1000 === 0 ? big : junk.subarray(0, 1 + (i % 1200)), port, '127.0.0.1');
      if (i % 200 === 0) await sleep(0);
    }
    expect(await honest(offset)).toEqual(['tcp:open:true', 'udp:open:true']);
    await sleep(200);
    flood.close();
    expect(replies).toBe(0);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  }, 120000);

  it('a half-open flood from one source is capped; other sources are served; idle connections are closed', async () => {
    const port = 443 + offset;
    const flood: net.Socket[] = [];
    for (let i = 0; i < 300; i++) {
      const s = net.connect({ host: '127.0.0.1', port, localAddress: '127.0.0.2' });
      s.on('error', () => undefined);
      flood.push(s);
    }
    await sleep(300);
    expect(running.stats.open).toBeLessThanOrEqual(64);
    expect(await honest(offset)).toEqual(['tcp:open:true', 'udp:open:true']);
    await sleep(1600); // idle limit is 1 s in this test
    expect(running.stats.open).toBe(0);
    for (const s of flood) s.destroy();
  });

  it('a slow client that never finishes its request is closed after the idle limit', async () => {
    const s = net.connect({ host: '127.0.0.1', port: 443 + offset });
    let closed = false;
    s.on('close', () => {
      closed = true;
    });
    s.on('error', () => undefined);
    await new Promise((r) => s.once('connect', r));
    s.write('PMX1 Q 0123'); // no newline, ever
    await sleep(1700);
    expect(closed).toBe(true);
  });

  it('the per-source answer budget holds, and every reply is no larger than its request', async () => {
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.4', r));
    let replies = 0;
    let largest = 0;
    sock.on('message', (m) => {
      replies++;
      largest = Math.max(largest, m.length);
    });
    const t0 = Date.now();
    for (let i = 0; i < 2000; i++) {
      sock.send(encodeRequest(newNonce(), true), 42342 + offset, '127.0.0.1');
      if (i % 100 === 0) await sleep(0);
    }
    await sleep(300);
    const elapsed = (Date.now() - t0) / 1000;
    sock.close();
    expect(replies).toBeGreaterThan(0);
    expect(replies).toBeLessThanOrEqual(DEFAULT_RATE_LIMIT.burst + Math.ceil(DEFAULT_RATE_LIMIT.perSecond * elapsed));
    expect(largest).toBeLessThanOrEqual(200);
  });
});
