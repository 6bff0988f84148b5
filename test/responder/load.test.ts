import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable } from '../../src/table/load-table.js';
import { parseAllowList } from '../../src/responder/allow-list.js';
import { runCheck } from '../../src/commands/check.js';
import { newToken } from '../../src/options/token.js';
import { listenAtFreeOffset } from '../helpers/offset.js';
import type { RunningResponder } from '../../src/commands/listen.js';

const TOKEN = newToken();
const table = loadTable();

// One honest whole-table check from 127.0.0.1 with the token; the states and verification of every result.
async function check(offset: number) {
  const report = await runCheck({
    table,
    apps: [],
    hosts: ['127.0.0.1'],
    peers: new Map(),
    direction: 'inbound',
    portOffset: offset,
    concurrency: 128,
    // Generous: the suite shares a loaded CPU; what is tested is that the responder's own limits never fail
    // a path (speed under load is measured in bench/load.mjs).
    timeoutMs: 10000,
    retries: 1,
    token: TOKEN,
    adaptive: true,
  });
  return report;
}
const allVerified = (r: Awaited<ReturnType<typeof check>>) =>
  r.results.length > 0 && r.results.every((x) => x.verdict === 'pass' && x.verified);

describe("the responder under a change window's load (one source address, the whole table, a token)", () => {
  let running: RunningResponder;
  let offset: number;
  beforeAll(async () => {
    ({ running, offset } = await listenAtFreeOffset({
      table,
      apps: [],
      direction: 'inbound',
      token: TOKEN,
      allow: parseAllowList([]),
      bind: '127.0.0.1',
    }));
  });
  afterAll(() => running?.close());

  it('16 concurrent checks: 16 of 16 all verified, nothing refused', async () => {
    const before = { ...running.stats };
    const reports = await Promise.all(Array.from({ length: 16 }, () => check(offset)));
    expect(reports.map(allVerified)).toEqual(Array(16).fill(true));
    expect(running.stats.refused - before.refused).toBe(0);
  }, 120000);

  it('50 back-to-back checks: all verified', async () => {
    const verified: boolean[] = [];
    for (let i = 0; i < 50; i++) verified.push(allVerified(await check(offset)));
    expect(verified).toEqual(Array(50).fill(true));
  }, 300000);

  it('while another address floods it with garbage, honest checks still verify', async () => {
    const flood = dgram.createSocket('udp4');
    await new Promise<void>((r) => flood.bind(0, '127.0.0.9', r));
    const junk = Buffer.alloc(512, 0x55);
    const udpPorts = [...new Set(running.report.results.filter((r) => r.protocol === 'udp').map((r) => r.probedPort!))];
    let stop = false;
    const flooding = (async () => {
      for (let i = 0; !stop; i++) {
        flood.send(junk, udpPorts[i % udpPorts.length]!, '127.0.0.1');
        if (i % 50 === 0) await new Promise((r) => setImmediate(r));
      }
    })();
    try {
      const reports = await Promise.all(Array.from({ length: 4 }, () => check(offset)));
      expect(reports.map(allVerified)).toEqual([true, true, true, true]);
    } finally {
      stop = true;
      await flooding;
      flood.close();
    }
    expect(running.stats.dropped).toBeGreaterThan(0);
  }, 120000);
});
