import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import net from 'node:net';
import { loadTable } from '../../src/table/load-table.js';
import { parseAllowList } from '../../src/responder/allow-list.js';
import { runCheck } from '../../src/commands/check.js';
import { encodeRequest, newNonce } from '../../src/protocol/pmx-message.js';
import { ReceiveLog } from '../../src/responder/receive-log.js';
import { listenAtFreeOffset } from '../helpers/offset.js';
import type { RunningResponder } from '../../src/commands/listen.js';

const TOKEN = 'abuse-secret-0123456789abcdef0123456789';
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
      limits: { deadlineMs: 1000, maxPerSource: 64 },
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
    await sleep(1600); // the request deadline is 1 s in this test
    expect(running.stats.open).toBe(0);
    for (const s of flood) s.destroy();
  });

  it('a slow client trickling a byte every 200 ms is closed at the request deadline, not kept alive', async () => {
    const s = net.connect({ host: '127.0.0.1', port: 443 + offset });
    let closed = false;
    s.on('close', () => {
      closed = true;
    });
    s.on('error', () => undefined);
    await new Promise((r) => s.once('connect', r));
    const bytes = Buffer.from('PMX1 Q 0123456789abcdef0123456789abcdef');
    for (let i = 0; i < 12 && !closed; i++) {
      s.write(bytes.subarray(i, i + 1)); // no newline, ever
      await sleep(200);
    }
    await sleep(500);
    expect(closed).toBe(true); // 12 bytes 200 ms apart would have kept an idle timer of 1 s alive
  });

  it(
    'the per-source UDP budget: answers, then authenticated busy notices, then silence; ' + 'replies never larger',
    async () => {
      // Small budgets, so that one in-process sender can spend them (the defaults are sized in the load test).
      const answers = { perSecond: 10, burst: 40, maxSources: 100 };
      const notices = { perSecond: 5, burst: 20, maxSources: 100 };
      const small = await listenAtFreeOffset({
        table,
        apps: [],
        direction: 'inbound',
        token: TOKEN,
        allow: parseAllowList([]),
        only: new Set([42342]),
        bind: '127.0.0.1',
        limits: { udpAnswers: answers, udpBusy: notices },
      });
      const sock = dgram.createSocket('udp4');
      await new Promise<void>((r) => sock.bind(0, '127.0.0.4', r));
      const seen = { answer: 0, busy: 0, largest: 0 };
      sock.on('message', (m) => {
        seen[m.toString('latin1', 0, 6) === 'PMX1 B' ? 'busy' : 'answer']++;
        seen.largest = Math.max(seen.largest, m.length);
      });
      const t0 = Date.now();
      for (let i = 0; i < 400; i++) {
        sock.send(encodeRequest(newNonce(), true), 42342 + small.offset, '127.0.0.1');
        if (i % 50 === 0) await sleep(0);
      }
      await sleep(300);
      const elapsed = (Date.now() - t0) / 1000;
      sock.close();
      await small.running.close();
      const s = small.running.stats;
      const bound = (o: typeof answers) => o.burst + Math.ceil(o.perSecond * elapsed);
      expect(s.answered).toBeGreaterThanOrEqual(answers.burst);
      expect(s.answered).toBeLessThanOrEqual(bound(answers));
      expect(s.busy).toBeGreaterThanOrEqual(notices.burst);
      expect(s.busy).toBeLessThanOrEqual(bound(notices));
      // Beyond both: silence (a few datagrams of the burst may be lost before the responder reads them).
      expect(s.refused).toBeGreaterThan(0);
      expect(s.refused).toBeLessThanOrEqual(400 - s.answered - s.busy);
      expect(seen).toEqual({ answer: s.answered, busy: s.busy, largest: seen.largest });
      expect(seen.largest).toBeLessThanOrEqual(200);
    },
  );
});

describe('the receive log cannot be flushed', () => {
  it('nonces are logged only after the allow list and the budget: a flood does not evict an honest nonce', async () => {
    const log = new ReceiveLog(1000);
    const small = { perSecond: 10, burst: 20, maxSources: 100 };
    const { running, offset } = await listenAtFreeOffset({
      table,
      apps: [],
      direction: 'inbound',
      token: TOKEN,
      allow: parseAllowList(['127.0.0.1', '127.0.0.5']),
      only: new Set([42342]),
      bind: '127.0.0.1',
      log,
      limits: { udpAnswers: small, udpBusy: small },
    });
    try {
      const port = 42342 + offset;
      const honest = newNonce();
      const send = async (from: string, nonces: string[]) => {
        const s = dgram.createSocket('udp4');
        await new Promise<void>((r) => s.bind(0, from, r));
        for (const [i, n] of nonces.entries()) {
          s.send(encodeRequest(n, true), port, '127.0.0.1');
          if (i % 200 === 0) await sleep(0);
        }
        await sleep(200);
        s.close();
      };
      await send('127.0.0.1', [honest]);
      await send('127.0.0.3', Array.from({ length: 5000 }, newNonce)); // not allowed
      await send('127.0.0.5', Array.from({ length: 5000 }, newNonce)); // allowed, far beyond its budget
      expect(log.arrived([honest])).toEqual([honest]);
      expect(log.size).toBeLessThanOrEqual(1 + 2 * small.burst + 2 * small.perSecond * 5);
    } finally {
      await running.close();
    }
  }, 60000);
});
