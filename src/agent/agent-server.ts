import tls from 'node:tls';
import os from 'node:os';
import { X509Certificate } from 'node:crypto';
import { checkRequest, signResponse, MAX_MESSAGE, type SignedRequest } from './control-protocol.js';
import { handleRequest, type AgentState } from './agent-handlers.js';
import { unmapAddress, type AllowList } from '../responder/allow-list.js';
import { ReceiveLog } from '../responder/receive-log.js';

/** What an agent needs. */
export interface AgentOptions {
  token: string;
  port: number;
  bind?: string;
  allow: AllowList;
}

/** A running agent. */
export interface RunningAgent {
  port: number;
  fingerprint: string;
  close(): Promise<void>;
}

// A fresh self-signed certificate for this run of the agent.
async function certificate(): Promise<{ key: string; cert: string; fingerprint: string }> {
  // Loaded here, not at start-up: only agents need it, and it is the heaviest import.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: `portmatrix-agent ${os.hostname()}` }], {
    notAfterDate: new Date(Date.now() + 7 * 86400000),
    keyType: 'ec',
    curve: 'P-256',
  });
  return { key: pems.private, cert: pems.cert, fingerprint: new X509Certificate(pems.cert).fingerprint256 };
}

// Reads one request line, answers it, closes.
function serve(socket: tls.TLSSocket, opts: AgentOptions, state: AgentState, fingerprint: string): void {
  let buffered = '';
  socket.setTimeout(30000, () => socket.destroy());
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    if (buffered.length > MAX_MESSAGE) {
      socket.destroy();
      return;
    }
    const nl = buffered.indexOf('\n');
    if (nl < 0) return;
    socket.removeAllListeners('data');
    socket.setTimeout(0);
    let req: SignedRequest;
    try {
      req = JSON.parse(buffered.slice(0, nl)) as SignedRequest;
    } catch {
      socket.destroy();
      return;
    }
    const refused = checkRequest(opts.token, req, state.seenNonces);
    if (refused) {
      socket.end(
        `${JSON.stringify(signResponse(opts.token, String(req?.nonce ?? ''), fingerprint, false, { error: refused }))}\n`,
      );
      return;
    }
    handleRequest(req.op, req.body, state).then(
      (result) => socket.end(`${JSON.stringify(signResponse(opts.token, req.nonce, fingerprint, true, result))}\n`),
      (err: unknown) =>
        socket.end(
          `${JSON.stringify(signResponse(opts.token, req.nonce, fingerprint, false, { error: err instanceof Error ? err.message : String(err) }))}\n`,
        ),
    );
  });
}

/** Starts the agent's TLS control port. */
export async function startAgent(opts: AgentOptions): Promise<RunningAgent> {
  const { key, cert, fingerprint } = await certificate();
  const state: AgentState = {
    token: opts.token,
    responders: new Map(),
    log: new ReceiveLog(),
    seenNonces: new Map(),
    nextId: 1,
  };
  const server = tls.createServer({ key, cert, minVersion: 'TLSv1.2' }, (socket) => {
    if (!opts.allow.allows(unmapAddress(socket.remoteAddress ?? ''))) {
      socket.destroy();
      return;
    }
    serve(socket, opts, state, fingerprint);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: opts.port, host: opts.bind ?? '::', ipv6Only: false }, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    port,
    fingerprint,
    close: async () => {
      await Promise.all([...state.responders.values()].map((r) => r.close()));
      state.responders.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
