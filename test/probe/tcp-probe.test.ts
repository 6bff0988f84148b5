import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSED_UNVERIFIED, RESET_WITH_RESPONDER } from '../../src/probe/classify-error.js';
import { probeTcp } from '../../src/probe/tcp-probe.js';
import { parseAllowList } from '../../src/responder/allow-list.js';
import { newResponderContext } from '../../src/responder/start-responder.js';
import { tcpResponder } from '../../src/responder/tcp-responder.js';
import { closedPort, tcpListener } from '../helpers/sockets.js';

const hosts = ['127.0.0.1', '::1'];

describe.each(hosts)('TCP probe on %s', (host) => {
  let listener: Awaited<ReturnType<typeof tcpListener>>;
  beforeAll(async () => {
    listener = await tcpListener(host);
  });
  afterAll(() => listener.close());

  it('open: the handshake completes', async () => {
    const o = await probeTcp({
      address: host,
      port: listener.port,
      timeoutMs: 2000,
      signal: new AbortController().signal,
    });
    expect(o).toMatchObject({ state: 'open', reason: '', verified: false });
    expect(o.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('closed: RST', async () => {
    const o = await probeTcp({
      address: host,
      port: await closedPort('tcp', host),
      timeoutMs: 2000,
      signal: new AbortController().signal,
    });
    expect(o).toMatchObject({
      state: 'closed',
      code: 'ECONNREFUSED',
      reason: 'connection refused (RST or ICMP port-unreachable)',
    });
  });

  it('open but not verified: a token and a listener that never answers', async () => {
    const o = await probeTcp({
      address: host,
      port: listener.port,
      timeoutMs: 300,
      signal: new AbortController().signal,
      token: 's3cret',
    });
    expect(o.state).toBe('open');
    expect(o.verified).toBe(false);
    expect(o.reason).toMatch(/no verification reply within the timeout/);
  });

  it('interrupted: an aborted signal', async () => {
    const ac = new AbortController();
    ac.abort();
    const o = await probeTcp({ address: host, port: listener.port, timeoutMs: 2000, signal: ac.signal });
    expect(o).toMatchObject({ state: 'error', reason: 'interrupted', interrupted: true });
  });
});

describe('TCP probe against a slow responder', () => {
  it('the adaptive timeout does not cut a connected probe that awaits its verification reply', async () => {
    const net = await import('node:net');
    const { answerFor } = await import('../../src/responder/answer.js');
    const { ADAPTIVE_TIMEOUT } = await import('../../src/probe/types.js');
    const token = 'slow-responder-token-0123456789abcdef';
    let port = 0;
    // Answers correctly, 300 ms late (a loaded host).
    const controller = new AbortController();
    const server = net.createServer((s) => {
      s.on('error', () => undefined);
      s.once('data', (line: Buffer) => {
        controller.abort(ADAPTIVE_TIMEOUT); // the adaptive timer fires while the probe awaits its reply
        const source = { address: s.remoteAddress ?? '', port: s.remotePort ?? 0 };
        setTimeout(() => s.end(answerFor(line, 'tcp', port, source, token) ?? ''), 300);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
    const outcome = await probeTcp({ address: '127.0.0.1', port, timeoutMs: 3000, signal: controller.signal, token });
    await new Promise((r) => server.close(r));
    expect([outcome.state, outcome.verified, outcome.reason]).toEqual(['open', true, '']);
  });
});

describe.each(hosts)('TCP probe with a responder expected on %s: every likely cause is named', (host) => {
  const token = 'expected-responder-token-0123456789';
  it.each([
    ['nothing on the port: a reset', false, { state: 'closed', code: 'ECONNREFUSED', reason: RESET_WITH_RESPONDER }],
    [
      'a responder whose --allow excludes this source',
      true,
      { state: 'open', verified: false, reason: CLOSED_UNVERIFIED },
    ],
  ])('%s', async (_name, responder, expected) => {
    const port = await closedPort('tcp', host);
    const allow = parseAllowList(['192.0.2.0/24']);
    const running = responder ? await tcpResponder(host, port, newResponderContext({ token, allow })) : undefined;
    try {
      const o = await probeTcp({ address: host, port, timeoutMs: 2000, signal: new AbortController().signal, token });
      expect(o).toMatchObject(expected);
    } finally {
      await running?.close();
    }
  });
});
