import type net from 'node:net';
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../../src/agent/agent-server.js';
import { callAgent } from '../../src/agent/agent-client.js';
import { signRequest, type SignedRequest } from '../../src/agent/control-protocol.js';
import { agentTargets } from '../../src/agent/target-list.js';
import { parseAllowList } from '../../src/responder/allow-list.js';

const TK = 'interceptor-test-token-0123456789abcdef';

// Sends one line to the real agent over TLS and returns its response line, parsed.
function ask(port: number, line: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => s.write(line));
    let out = '';
    s.on('data', (d: Buffer) => {
      out += d;
    });
    s.on('error', () => undefined);
    s.on('close', () => resolve(JSON.parse(out || '{}')));
  });
}

/** What an interceptor sends the client, given the client's request and the real agent's port and fingerprint. */
type Forge = (req: SignedRequest, agentPort: number, agentFp: string, ownFp: string) => Promise<unknown>;

const FORGERIES: Array<[string, Forge]> = [
  // The whole conversation relayed: the response is signed for the agent's certificate, not the interceptor's.
  ['a verbatim relay', async (req, port) => ask(port, `${JSON.stringify(req)}\n`)],
  [
    // The old signing oracle: ask the agent to refuse a request whose nonce names the interceptor's certificate.
    'the refusal oracle with a nonce of its choosing',
    async (req, port, agentFp, ownFp) => {
      const bait = { ...req, nonce: `${req.nonce}.${ownFp}`, mac: '00'.repeat(32) };
      const refusal = await ask(port, `${JSON.stringify(bait)}\n`);
      expect(refusal).toEqual({ v: 2, ok: false }); // nothing signed for a stranger
      return { v: 2, ok: `${agentFp}.false`, result: JSON.stringify({ arrived: [] }), proof: refusal.proof };
    },
  ],
  [
    'a signed refusal turned into a success',
    async (req, port) => {
      const real = await ask(port, `${JSON.stringify({ ...req, ts: req.ts - 60000 })}\n`);
      return { ...real, ok: true, result: JSON.stringify({ arrived: ['ab'.repeat(16)] }) };
    },
  ],
  [
    "another request's signed response",
    async (req, port) => ask(port, `${JSON.stringify(signRequest(TK, req.op, {}))}\n`),
  ],
  ['ok as a string', async (req, port) => ({ ...(await ask(port, `${JSON.stringify(req)}\n`)), ok: 'true' })],
];

describe('a man in the middle with its own certificate, relaying to the real agent (no --pin)', () => {
  let agent: RunningAgent;
  let ownFp: string;
  let ownPems: { private: string; cert: string };
  beforeAll(async () => {
    const targets = agentTargets(['127.0.0.0/8']);
    agent = await startAgent({ token: TK, port: 0, bind: '127.0.0.1', allow: parseAllowList([]), targets });
    const { generate } = await import('selfsigned');
    ownPems = await generate([{ name: 'commonName', value: 'portmatrix-agent' }], { keyType: 'ec', curve: 'P-256' });
    ownFp = new X509Certificate(ownPems.cert).fingerprint256;
  });
  afterAll(() => agent?.close());

  it.each(FORGERIES)('%s is refused by the client', async (_n, forge) => {
    const server = tls.createServer({ key: ownPems.private, cert: ownPems.cert }, (s) => {
      let line = '';
      s.on('error', () => undefined);
      s.on('data', async (d: Buffer) => {
        line += d;
        if (!line.includes('\n')) return;
        const req = JSON.parse(line) as SignedRequest;
        s.end(`${JSON.stringify(await forge(req, agent.port, agent.fingerprint, ownFp))}\n`);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as net.AddressInfo).port;
      for (const op of ['seen', 'stop', 'listen', 'hello']) {
        await expect(callAgent({ host: '127.0.0.1', port, token: TK }, op, { nonces: [] })).rejects.toThrow(
          /someone in the middle|without detail/,
        );
      }
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
