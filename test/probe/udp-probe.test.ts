import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeUdp } from '../../src/probe/udp-probe.js';
import { closedPort, udpEcho } from '../helpers/sockets.js';

describe.each(['127.0.0.1', '::1'])('UDP probe on %s', (host) => {
  let echo: Awaited<ReturnType<typeof udpEcho>>;
  beforeAll(async () => {
    echo = await udpEcho(host);
  });
  afterAll(() => echo.close());

  it('open: a datagram came back', async () => {
    const o = await probeUdp({
      address: host,
      port: echo.port,
      tablePort: 42342,
      timeoutMs: 2000,
      signal: new AbortController().signal,
    });
    expect(o).toMatchObject({ state: 'open', reason: '', verified: false });
  });

  it('closed: ICMP port-unreachable on a connected socket', async () => {
    const o = await probeUdp({
      address: host,
      port: await closedPort('udp', host),
      tablePort: 42342,
      timeoutMs: 2000,
      signal: new AbortController().signal,
    });
    expect(o).toMatchObject({ state: 'closed', code: 'ECONNREFUSED' });
  });

  it('open but not verified: an echo cannot produce the HMAC', async () => {
    const o = await probeUdp({
      address: host,
      port: echo.port,
      tablePort: 514,
      timeoutMs: 2000,
      signal: new AbortController().signal,
      token: 't',
    });
    expect(o).toMatchObject({
      state: 'open',
      verified: false,
      reason: 'unexpected reply: another program answers on this port',
    });
  });
});
