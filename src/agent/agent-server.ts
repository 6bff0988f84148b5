import net from 'node:net';
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import {
  checkRequest,
  signResponse,
  MAX_REQUEST,
  UNSIGNED_REFUSAL,
  type SignedRequest,
  type SignedResponse,
} from './control-protocol.js';
import { handleRequest, newAgentState, type AgentState } from './agent-handlers.js';
import { readLine } from '../protocol/line-reader.js';
import { sourceKey } from '../responder/source-key.js';
import type { AllowList } from '../responder/allow-list.js';
import type { TargetList } from './target-list.js';

/** The control port's bounds, all enforced before a request is authenticated. */
export interface AgentLimits {
  /** Open control connections at most. */
  maxConnections: number;
  /** Open control connections at most from one source (/64 for IPv6). */
  maxPerSource: number;
  /** Milliseconds for the TLS handshake. */
  handshakeMs: number;
  /** Milliseconds from accept to a complete request line (handshake included; not reset by each byte). */
  requestMs: number;
  /** Milliseconds a client has to read the response before the socket is destroyed. */
  lingerMs: number;
}

const DEFAULT_AGENT_LIMITS: AgentLimits = {
  maxConnections: 64,
  maxPerSource: 8,
  handshakeMs: 5000,
  requestMs: 10000,
  lingerMs: 2000,
};

/** What an agent needs. */
export interface AgentOptions {
  token: string;
  port: number;
  bind?: string;
  /** Who may connect to the control port (checked on the TCP connection, before TLS). */
  allow: AllowList;
  /** What `check` requests may probe. */
  targets: TargetList;
  limits?: Partial<AgentLimits>;
}

/** What the control port did, for tests and the end-of-run line. */
export interface AgentStats {
  refused: number;
  handshakes: number;
  forged: number;
  served: number;
  open: number;
}

/** A running agent. */
export interface RunningAgent {
  port: number;
  fingerprint: string;
  stats: AgentStats;
  close(): Promise<void>;
}

interface Control {
  opts: AgentOptions;
  limits: AgentLimits;
  state: AgentState;
  stats: AgentStats;
  perSource: Map<string, number>;
  secureContext: tls.SecureContext;
  fingerprint: string;
  open: Set<net.Socket>;
}

// A fresh self-signed certificate for this run; its name says nothing about the host.
async function certificate(): Promise<{ key: string; cert: string; fingerprint: string }> {
  // Loaded here, not at start-up: only agents need it, and it is the heaviest import.
  const { generate } = await import('./self-signed.js');
  const pems = await generate([{ name: 'commonName', value: 'portmatrix-agent' }], {
    notAfterDate: new Date(Date.now() + 7 * 86400000),
    keyType: 'ec',
    curve: 'P-256',
  });
  return { key: pems.private, cert: pems.cert, fingerprint: new X509Certificate(pems.cert).fingerprint256 };
}

// Writes the response, ends the connection, and destroys it if the client does not close in time.
function respond(socket: tls.TLSSocket, c: Control, res: SignedResponse): void {
  socket.end(`${JSON.stringify(res)}\n`);
  setTimeout(() => socket.destroy(), c.limits.lingerMs).unref();
}

// Answers one request line: forged input gets a bare refusal; an authentic request is run and signed.
function answer(socket: tls.TLSSocket, line: Buffer, c: Control): void {
  let req: SignedRequest | undefined;
  try {
    req = JSON.parse(line.toString('utf8')) as SignedRequest;
  } catch {
    req = undefined;
  }
  const refusal = checkRequest(c.opts.token, req, c.state.seenNonces);
  if (refusal === 'forged' || !req) {
    c.stats.forged++;
    respond(socket, c, UNSIGNED_REFUSAL);
    return;
  }
  const sign = (ok: boolean, result: unknown) => signResponse(c.opts.token, req, c.fingerprint, ok, result);
  if (refusal) {
    respond(socket, c, sign(false, { error: refusal }));
    return;
  }
  c.stats.served++;
  handleRequest(req.op, req.body, c.state).then(
    (result) => respond(socket, c, sign(true, result)),
    (err: unknown) => respond(socket, c, sign(false, { error: err instanceof Error ? err.message : String(err) })),
  );
}

// Admits a TCP connection (allow list, caps) before any TLS, then serves one request on it.
function accept(raw: net.Socket, c: Control): void {
  raw.on('error', () => undefined);
  const key = sourceKey(raw.remoteAddress ?? '');
  const fromSource = c.perSource.get(key) ?? 0;
  if (
    !c.opts.allow.allows(raw.remoteAddress ?? '') ||
    c.open.size >= c.limits.maxConnections ||
    fromSource >= c.limits.maxPerSource
  ) {
    c.stats.refused++;
    raw.destroy();
    return;
  }
  c.perSource.set(key, fromSource + 1);
  c.open.add(raw);
  c.stats.open = c.open.size;
  const deadline = setTimeout(() => raw.destroy(), c.limits.requestMs);
  const handshake = setTimeout(() => raw.destroy(), c.limits.handshakeMs);
  raw.once('close', () => {
    clearTimeout(deadline);
    clearTimeout(handshake);
    c.open.delete(raw);
    c.stats.open = c.open.size;
    const n = (c.perSource.get(key) ?? 1) - 1;
    if (n <= 0) c.perSource.delete(key);
    else c.perSource.set(key, n);
  });
  const socket = new tls.TLSSocket(raw, { isServer: true, secureContext: c.secureContext });
  socket.on('error', () => raw.destroy());
  socket.once('secure', () => {
    clearTimeout(handshake);
    c.stats.handshakes++;
  });
  readLine(
    socket,
    MAX_REQUEST,
    (line) => {
      clearTimeout(deadline);
      answer(socket, line, c);
    },
    () => raw.destroy(),
  );
}

/** Starts the agent's TLS control port. */
export async function startAgent(opts: AgentOptions): Promise<RunningAgent> {
  const { key, cert, fingerprint } = await certificate();
  const c: Control = {
    opts,
    limits: { ...DEFAULT_AGENT_LIMITS, ...opts.limits },
    state: newAgentState(opts.token, opts.targets),
    stats: { refused: 0, handshakes: 0, forged: 0, served: 0, open: 0 },
    perSource: new Map(),
    secureContext: tls.createSecureContext({ key, cert, minVersion: 'TLSv1.2' }),
    fingerprint,
    open: new Set(),
  };
  const server = net.createServer((raw) => accept(raw, c));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: opts.port, host: opts.bind ?? '::', ipv6Only: false }, () => resolve());
  });
  server.on('error', () => undefined);
  const port = (server.address() as { port: number }).port;
  return {
    port,
    fingerprint,
    stats: c.stats,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of c.open) s.destroy();
      await Promise.all([...c.state.responders.values()].map((r) => r.close()));
      c.state.responders.clear();
      await closed;
    },
  };
}
