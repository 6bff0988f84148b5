import DgramAsPromised, { type IncomingPacket, type SocketAsPromised } from 'dgram-as-promised';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { classifyError } from './classify-error.js';
import { payloadFor } from './udp-payloads.js';
import { abortedOutcome, sharedAddress } from './tcp-probe.js';
import { encodeRequest, newNonce } from '../protocol/pmx-message.js';
import { judgeReply } from './judge-reply.js';
import type { ProbeOutcome, ProbeRequest } from './types.js';
import { isIPv6Address } from '../util/address.js';

/** A UDP probe: one datagram, one wait. The runner resends (`--retries`). */
export interface UdpProbeRequest extends ProbeRequest {
  /** A real AbortSignal: the wait combines it with its own timer. */
  signal: AbortSignal;
  tablePort: number;
  /** Send only once this settles (a witness goes right behind the resend it witnesses). */
  sendAfter?: Promise<unknown>;
  /** Called once the datagram is sent, or once the probe ends without sending. */
  onSent?: () => void;
}

type Waited = { packet: IncomingPacket | undefined } | 'silent';

// Binds a socket to an ephemeral (or given) port with SO_REUSEADDR.
function bound(type: 'udp4' | 'udp6', port = 0): Promise<SocketAsPromised> {
  const sock = DgramAsPromised.createSocket({ type, reuseAddr: true });
  return sock.bind(port).then(
    () => sock,
    async (err: unknown) => {
      await sock.close().catch(() => undefined);
      throw err;
    },
  );
}

// Connects the socket so that ICMP port-unreachable is reported to us.
function connect(sock: SocketAsPromised, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    sock.socket.once('error', reject);
    sock.socket.connect(port, address, () => {
      sock.socket.removeListener('error', reject);
      resolve();
    });
  });
}

// Waits for the first datagram from the target on a side socket (a reply from another port).
function sideReply(side: SocketAsPromised, address: string): Promise<{ packet: IncomingPacket }> {
  return new Promise((resolve) => {
    side.socket.on('message', (msg, rinfo) => {
      if (rinfo.address === address) resolve({ packet: { msg, rinfo } });
    });
  });
}

// UDP silence where a responder with a token was expected: it answers every source its --allow admits.
const TOKEN_SILENCE =
  "no answer from the responder: dropped on the way, or the responder's --allow excludes this source";

/**
 * Sends one datagram on a connected socket and waits for any datagram back (open), ICMP
 * port-unreachable (closed), a local refusal (filtered) or silence (open|filtered, or
 * filtered when a responder with a token is expected). For services that answer from
 * another port (TFTP), an unconnected socket on the same local port takes that reply.
 */
export async function probeUdp(req: UdpProbeRequest): Promise<ProbeOutcome> {
  const start = performance.now();
  const elapsed = () => Math.round((performance.now() - start) * 100) / 100;
  const silentState = req.token !== undefined ? 'filtered' : 'open|filtered';
  if (req.signal.aborted) return abortedOutcome(req.signal, 0, silentState);
  const type = isIPv6Address(req.address) ? 'udp6' : 'udp4';
  const payload = req.token === undefined ? payloadFor(req.tablePort) : undefined;
  const timers = new AbortController();
  const stop = AbortSignal.any([req.signal, timers.signal]);
  const sockets: SocketAsPromised[] = [];
  try {
    const side = payload?.replyFromOtherPort ? await bound(type) : undefined;
    if (side) sockets.push(side);
    const sock = await bound(type, side ? side.address().port : 0);
    sockets.push(sock);
    await connect(sock, req.port, req.address);
    const nonce = newNonce();
    const received = sock.recv().then((packet) => ({ packet }));
    received.catch(() => undefined); // an ICMP error after we stopped waiting is not a crash
    // Settles as 'silent' on timeout and on abort alike; never an unhandled rejection.
    const timeout = sleep(req.timeoutMs, 'silent' as const, { signal: stop }).catch(() => 'silent' as const);
    const waits: Array<Promise<Waited>> = [received, timeout];
    if (side) waits.push(sideReply(side, sock.socket.remoteAddress().address));
    const request = payload?.build() ?? encodeRequest(nonce, true);
    if (req.sendAfter) await req.sendAfter;
    // A port on a connected socket throws: send(buf, offset, length).
    await (sock.send.bind(sock) as unknown as (b: Buffer, o: number, l: number) => Promise<number>)(
      request,
      0,
      request.length,
    );
    req.onSent?.();
    const waited = await Promise.race(waits);
    if (waited !== 'silent') return answered(waited.packet, req, nonce, elapsed(), sock);
    if (req.signal.aborted) {
      const cut = abortedOutcome(req.signal, elapsed(), silentState);
      return cut.interrupted || req.token === undefined ? cut : { ...cut, reason: TOKEN_SILENCE, nonces: [nonce] };
    }
    return {
      nonces: req.token !== undefined ? [nonce] : undefined,
      localAddress: localOf(sock),
      state: silentState,
      reason: silentState === 'filtered' ? TOKEN_SILENCE : 'no answer (open, or silently dropped)',
      latencyMs: elapsed(),
      verified: false,
    };
  } catch (err) {
    if (req.signal.aborted) return abortedOutcome(req.signal, elapsed(), silentState);
    return {
      ...classifyError(err),
      latencyMs: elapsed(),
      verified: false,
      localAddress: sockets.length > 0 ? localOf(sockets[sockets.length - 1]!) : undefined,
    };
  } finally {
    req.onSent?.();
    timers.abort();
    for (const s of sockets) {
      s.socket.removeAllListeners('message');
      await s.close().catch(() => undefined);
    }
  }
}

// The address a socket is bound to, or undefined when it is not bound.
function localOf(sock: SocketAsPromised): string | undefined {
  try {
    return sharedAddress(sock.address().address);
  } catch {
    return undefined;
  }
}

// A datagram came back: open; with a token, verified when its HMAC is right.
function answered(
  packet: IncomingPacket | undefined,
  req: UdpProbeRequest,
  nonce: string,
  latencyMs: number,
  sock: SocketAsPromised,
): ProbeOutcome {
  if (!packet) return { state: 'error', reason: 'socket closed', latencyMs, verified: false };
  const localAddress = localOf(sock);
  if (req.token === undefined) return { state: 'open', reason: '', latencyMs, verified: false, localAddress };
  const judged = judgeReply(packet.msg, req.token, nonce, 'udp', req.port);
  return {
    state: 'open',
    reason: judged.reason,
    latencyMs,
    verified: judged.verified,
    observedSource: judged.observedSource,
    localAddress,
    ...(judged.busy ? { busy: true } : {}),
  };
}
