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
import { agentTargets } from '../../src/agent/target-list.js';
import { parseAllowList } from '../../src/responder/allow-list.js';
import { loadTable } from '../../src/table/load-table.js';

const TK = 'control-test-token-0123456789abcdef';
type Req = ReturnType<typeof signRequest>;

describe('control protocol', () => {
  it.each([
    ['authentic', (r: Req) => r, undefined],
    ['wrong token', (r: Req) => ({ ...r, mac: signRequest('other', r.op, JSON.parse(r.body)).mac }), 'forged'],
    ['tampered body', (r: Req) => ({ ...r, body: '{"hosts":["10.0.0.9"]}' }), 'forged'],
    ['tampered op', (r: Req) => ({ ...r, op: 'listen' }), 'forged'],
    ['timestamp as a string', (r: Req) => ({ ...r, ts: String(r.ts) }) as never, 'forged'],
    ['nonce not 128-bit hex', (r: Req) => ({ ...r, nonce: `${r.nonce}.AA:BB` }), 'forged'],
    ['old protocol version', (r: Req) => ({ ...r, v: 1 }) as never, 'forged'],
    ['not an object', () => null as never, 'forged'],
    ['too old', (r: Req) => r, 'request outside the 5 s window (are the clocks in sync?)', -REPLAY_WINDOW_MS - 1000],
  ])('%s', (_n, mutate, refusal, skew = 0) => {
    const req = mutate(signRequest(TK, 'check', { hosts: ['127.0.0.1'] }, Date.now() + (skew as number)));
    expect(checkRequest(TK, req, new Map())).toBe(refusal);
  });

  it('refuses a replayed request', () => {
    const seen = new Map<string, number>();
    const req = signRequest(TK, 'hello', {});
    expect(checkRequest(TK, req, seen)).toBeUndefined();
    expect(checkRequest(TK, req, seen)).toBe('replayed request');
  });

  it('binds a response to the request nonce and operation, the certificate, and a boolean ok', () => {
    const req = { nonce: 'a'.repeat(32), op: 'seen' };
    const res = signResponse(TK, req, 'AA:BB', true, { x: 1 });
    expect(checkResponse(TK, req, 'AA:BB', res)).toBe(true);
    expect(checkResponse(TK, req, 'AA:CC', res)).toBe(false); // another certificate: someone in the middle
    expect(checkResponse(TK, { ...req, nonce: 'b'.repeat(32) }, 'AA:BB', res)).toBe(false);
    expect(checkResponse(TK, { ...req, op: 'stop' }, 'AA:BB', res)).toBe(false);
    expect(checkResponse('other', req, 'AA:BB', res)).toBe(false);
    expect(checkResponse(TK, req, 'AA:BB', { ...res, ok: 'true' as never })).toBe(false);
    expect(checkResponse(TK, req, 'AA:BB', { ...res, ok: false })).toBe(false);
  });
});

describe('a live agent on loopback', () => {
  let agent: RunningAgent;
  beforeAll(async () => {
    const targets = agentTargets(['127.0.0.0/8']);
    agent = await startAgent({ token: TK, port: 0, bind: '127.0.0.1', allow: parseAllowList([]), targets });
  });
  afterAll(() => agent?.close());
  const at = (over: object = {}) => ({ host: '127.0.0.1', port: agent.port, token: TK, ...over });
  const table = loadTable();
  const common = () => ({
    table: { product: table.product, rows: table.rows },
    direction: 'inbound',
    only: [42342],
    portOffset: 11000 + Math.floor(Math.random() * 4000),
  });

  // Sends one raw line over TLS and returns the response line.
  const rawCall = (line: string) =>
    new Promise<string>((resolve) => {
      const s = tls.connect({ host: '127.0.0.1', port: agent.port, rejectUnauthorized: false }, () => s.write(line));
      let out = '';
      s.on('data', (d: Buffer) => {
        out += d;
      });
      s.on('error', () => undefined);
      s.on('close', () => resolve(out));
    });

  it('answers hello over TLS and honours a pinned fingerprint', async () => {
    expect(await callAgent(at({ pin: agent.fingerprint }), 'hello', {})).toMatchObject({ version: '0.1.0' });
    await expect(callAgent(at({ pin: 'AB'.repeat(32) }), 'hello', {})).rejects.toThrow(/is not the pinned one/);
  });

  it('refuses a replayed request on the wire with a signed refusal (the request was authentic)', async () => {
    const line = `${JSON.stringify(signRequest(TK, 'hello', {}))}\n`;
    expect(JSON.parse(await rawCall(line)).ok).toBe(true);
    const second = JSON.parse(await rawCall(line));
    expect(second.ok).toBe(false);
    expect(JSON.parse(second.result)).toEqual({ error: 'replayed request' });
  });

  it.each([
    ['a wrong token', `${JSON.stringify(signRequest('not-the-token', 'seen', { nonces: [] }))}\n`],
    ['garbage', 'hello agent\n'],
    ['JSON that is not a request', '{"v":2,"op":"seen","nonce":"N.AB:CD"}\n'],
    ['an empty line', '\n'],
  ])('%s gets a bare refusal: no detail, no MAC, socket closed', async (_n, line) => {
    expect(JSON.parse(await rawCall(line))).toEqual({ v: 2, ok: false });
  });

  it('a wrong token is reported without detail by the client', async () => {
    await expect(callAgent(at({ token: 'another-token-0123456789abcdef012345' }), 'hello', {})).rejects.toThrow(
      'refused the request without detail',
    );
  });

  it('starts a responder for the prober only, logs answered nonces, and stops it', async () => {
    const body = common();
    const started = await callAgent<{ id: string; report: { results: Array<{ state: string }> } }>(at(), 'listen', {
      ...body,
      bind: '127.0.0.1',
      allow: ['127.0.0.1'],
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

  it.each([
    [
      'a bad table',
      'check',
      { table: { product: 'x', rows: [{ id: 'a' }] } },
      /table: row "a" \(#1\), field "service"/,
    ],
    [
      'retries beyond the CLI bound',
      'check',
      { retries: 300, hosts: ['127.0.0.1'] },
      /retries 300: expected a whole number from 0 to 10/,
    ],
    [
      'a zero timeout',
      'check',
      { timeoutMs: 0, hosts: ['127.0.0.1'] },
      /timeoutMs 0: expected a whole number from 1 to 600000/,
    ],
    [
      'concurrency as words',
      'check',
      { concurrency: 'lots', hosts: ['127.0.0.1'] },
      /concurrency lots: expected a whole/,
    ],
    ['a responder for an hour and more', 'listen', { duration: 3601, allow: ['127.0.0.1'] }, /duration 3601/],
    ['a responder open to everyone', 'listen', { allow: [] }, /needs the prober's address/],
    ['a bind name', 'listen', { allow: ['127.0.0.1'], bind: 'example.org' }, /bind example.org: expected an address/],
    ['too many hosts', 'check', { hosts: Array(65).fill('127.0.0.1') }, /hosts: expected at most 64/],
    ['an unknown operation', 'shell', {}, /unknown operation "shell"/],
  ])('refuses %s before anything binds or probes', async (_n, op, extra, message) => {
    const body = op === 'shell' ? {} : { ...common(), ...extra };
    await expect(callAgent(at(), op, body)).rejects.toThrow(message);
  });

  it('probes only within --targets', async () => {
    const narrow = await startAgent({
      token: TK,
      port: 0,
      bind: '127.0.0.1',
      allow: parseAllowList([]),
      targets: agentTargets(['127.0.0.2/32']),
    });
    try {
      const ask = (host: string) =>
        callAgent({ host: '127.0.0.1', port: narrow.port, token: TK }, 'check', { ...common(), hosts: [host] });
      await expect(ask('127.0.0.1')).rejects.toThrow(`host "127.0.0.1" (127.0.0.1): outside this agent's --targets`);
      await expect(ask('127.0.0.2')).resolves.toHaveProperty('report');
    } finally {
      await narrow.close();
    }
  });

  it('without --targets, refuses loopback and link-local targets', async () => {
    const open = await startAgent({
      token: TK,
      port: 0,
      bind: '127.0.0.1',
      allow: parseAllowList([]),
      targets: agentTargets([]),
    });
    try {
      for (const host of ['127.0.0.1', '::1', '169.254.169.254', 'fe80::1'])
        await expect(
          callAgent({ host: '127.0.0.1', port: open.port, token: TK }, 'check', { ...common(), hosts: [host] }),
        ).rejects.toThrow('loopback and link-local targets need the agent to be started with --targets');
    } finally {
      await open.close();
    }
  });
});
