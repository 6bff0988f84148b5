import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkRequest,
  checkResponse,
  signRequest,
  signResponse,
  REPLAY_WINDOW_MS,
} from '../../src/agent/control-protocol.js';
import { startAgent, type RunningAgent } from '../../src/agent/agent-server.js';
import { callAgent } from '../../src/agent/agent-client.js';
import { parseAllowList } from '../../src/responder/allow-list.js';
import { loadTable } from '../../src/table/load-table.js';

describe('control protocol', () => {
  it.each([
    ['authentic', (r: ReturnType<typeof signRequest>) => r, undefined],
    [
      'wrong token',
      (r: ReturnType<typeof signRequest>) => ({ ...r, mac: signRequest('other', r.op, JSON.parse(r.body)).mac }),
      'bad signature (wrong token?)',
    ],
    [
      'tampered body',
      (r: ReturnType<typeof signRequest>) => ({ ...r, body: '{"hosts":["10.0.0.9"]}' }),
      'bad signature (wrong token?)',
    ],
    [
      'too old',
      (r: ReturnType<typeof signRequest>) => r,
      'request outside the 5 s window (are the clocks in sync?)',
      -REPLAY_WINDOW_MS - 1000,
    ],
    ['malformed', () => ({ v: 2 }) as never, 'malformed request'],
  ])('%s', (_n, mutate, refusal, skew = 0) => {
    const req = mutate(signRequest('tk', 'check', { hosts: ['127.0.0.1'] }, Date.now() + (skew as number)));
    expect(checkRequest('tk', req, new Map())).toBe(refusal);
  });

  it('refuses a replayed request', () => {
    const seen = new Map<string, number>();
    const req = signRequest('tk', 'hello', {});
    expect(checkRequest('tk', req, seen)).toBeUndefined();
    expect(checkRequest('tk', req, seen)).toBe('replayed request');
  });

  it('binds a response to the request nonce and the certificate', () => {
    const res = signResponse('tk', 'n1', 'AA:BB', true, { x: 1 });
    expect(checkResponse('tk', 'n1', 'AA:BB', res)).toBe(true);
    expect(checkResponse('tk', 'n1', 'AA:CC', res)).toBe(false); // another certificate: someone in the middle
    expect(checkResponse('tk', 'n2', 'AA:BB', res)).toBe(false);
    expect(checkResponse('other', 'n1', 'AA:BB', res)).toBe(false);
  });
});

describe('a live agent on loopback', () => {
  let agent: RunningAgent;
  beforeAll(async () => {
    agent = await startAgent({ token: 'tk', port: 0, bind: '127.0.0.1', allow: parseAllowList([]) });
  });
  afterAll(() => agent?.close());
  const at = (over: object = {}) => ({ host: '127.0.0.1', port: agent.port, token: 'tk', ...over });

  it('answers hello over TLS and honours a pinned fingerprint', async () => {
    expect(await callAgent(at({ pin: agent.fingerprint }), 'hello', {})).toMatchObject({ version: '0.1.0' });
    await expect(callAgent(at({ pin: 'AB'.repeat(32) }), 'hello', {})).rejects.toThrow(/is not the pinned one/);
  });

  it('refuses a replayed request on the wire', async () => {
    const req = signRequest('tk', 'hello', {});
    const send = () =>
      new Promise<string>((resolve) => {
        const s = tls.connect({ host: '127.0.0.1', port: agent.port, rejectUnauthorized: false }, () =>
          s.write(`${JSON.stringify(req)}\n`),
        );
        let out = '';
        s.on('data', (d: Buffer) => {
          out += d;
        });
        s.on('end', () => resolve(out));
      });
    expect(JSON.parse(await send()).ok).toBe(true);
    const second = JSON.parse(await send());
    expect(second.ok).toBe(false);
    expect(JSON.parse(second.result)).toEqual({ error: 'replayed request' });
  });

  it('starts a responder, logs the nonces it receives, and stops it', async () => {
    const table = loadTable();
    const body = {
      table: { product: table.product, rows: table.rows },
      direction: 'inbound',
      only: [42342],
      portOffset: 11000 + Math.floor(Math.random() * 4000),
    };
    const started = await callAgent<{ id: string; report: { results: Array<{ state: string }> } }>(at(), 'listen', {
      ...body,
      bind: '127.0.0.1',
    });
    expect(started.report.results.map((r) => r.state)).toEqual(['bound']);
    const { report } = await callAgent<{ report: { results: Array<{ state: string; verified: boolean }> } }>(
      at(),
      'check',
      { ...body, hosts: ['127.0.0.1'] },
    );
    expect(report.results.map((r) => [r.state, r.verified])).toEqual([['open', true]]);
    expect(await callAgent(at(), 'seen', { nonces: ['00'.repeat(16)] })).toEqual({ arrived: [] });
    expect(await callAgent(at(), 'stop', { id: started.id })).toEqual({ stopped: true });
  });

  it('refuses a bad table with the row and field', async () => {
    await expect(
      callAgent(at(), 'check', {
        table: { product: 'x', rows: [{ id: 'a' }] },
        hosts: ['127.0.0.1'],
        direction: 'inbound',
      }),
    ).rejects.toThrow(/refused: table: row "a" \(#1\), field "service"/);
  });
});
