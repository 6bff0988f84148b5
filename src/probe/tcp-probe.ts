import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { CLOSED_UNVERIFIED, type Classified, RESET_WITH_RESPONDER, classifyError } from './classify-error.js';
import { encodeRequest, newNonce } from '../protocol/pmx-message.js';
import { judgeReply } from './judge-reply.js';
import type { CancelSignal } from './cancel.js';
import { ADAPTIVE_TIMEOUT, type ProbeOutcome, type ProbeRequest } from './types.js';

const MAX_REPLY = 512;

// A failed connect, classified; a reset where a responder was expected names both of its causes.
function refusal(err: unknown, responderExpected: boolean): Classified {
  const c = classifyError(err);
  return responderExpected && c.code === 'ECONNREFUSED' ? { ...c, reason: RESET_WITH_RESPONDER } : c;
}

// The outcome of a probe cut short by its signal.
export function abortedOutcome(
  signal: Pick<CancelSignal, 'reason'>,
  latencyMs: number,
  silentState: ProbeOutcome['state'],
): ProbeOutcome {
  if (signal.reason === ADAPTIVE_TIMEOUT) {
    return {
      state: silentState,
      reason: 'no answer within the adaptive timeout',
      latencyMs,
      verified: false,
      adaptiveCut: true,
    };
  }
  return { state: 'error', reason: 'interrupted', latencyMs, verified: false, interrupted: true };
}

// The local addresses probes leave from, one string each: 100,000 results share a handful of strings.
const localAddresses = new Map<string, string>();

/** One string per local address (at most 1,024 kept; past that each is its own). */
export function sharedAddress(address: string): string {
  const known = localAddresses.get(address);
  if (known !== undefined) return known;
  if (localAddresses.size < 1024) localAddresses.set(address, address);
  return address;
}

// The outcome of a connect that failed before any byte came back.
function failed(err: unknown, responderExpected: boolean, latencyMs: number): ProbeOutcome {
  const c = refusal(err, responderExpected);
  return { state: c.state, reason: c.reason, code: c.code, latencyMs, verified: false };
}

/**
 * Connects to address:port. With a token, sends a nonce and checks the responder's HMAC.
 * The socket is destroyed and the timer cleared the moment the probe ends.
 */
export function probeTcp(req: ProbeRequest): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const start = performance.now();
    const elapsed = () => Math.round((performance.now() - start) * 100) / 100;
    if (req.signal.aborted) return resolve(abortedOutcome(req.signal, 0, 'filtered'));
    const socket = new net.Socket();
    let connectedAt = 0;
    let done = false;
    const finish = (outcome: ProbeOutcome) => {
      if (done) return;
      done = true;
      const local = socket.localAddress;
      if (local) outcome.localAddress ??= sharedAddress(local);
      clearTimeout(timer);
      req.signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners();
      socket.on('error', ignore);
      socket.destroy();
      resolve(outcome);
    };
    const onAbort = () => {
      // The adaptive timeout is for silence: once connected, the path is proven and the responder's reply
      // (slow on a loaded host) is awaited until the full timeout.
      if (connectedAt && req.signal.reason === ADAPTIVE_TIMEOUT) return;
      finish(
        connectedAt
          ? openOutcome(connectedAt, false, 'no verification reply before the probe was stopped')
          : abortedOutcome(req.signal, elapsed(), 'filtered'),
      );
    };
    const timer = setTimeout(
      () =>
        finish(
          connectedAt
            ? openOutcome(
                connectedAt,
                false,
                'no verification reply within the timeout: another program or a middlebox answers on this port, ' +
                  'or the responder is too slow to answer in time (a loaded host: raise --timeout)',
              )
            : { state: 'filtered', reason: 'timed out (no answer)', latencyMs: elapsed(), verified: false },
        ),
      req.timeoutMs,
    );
    req.signal.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (err) =>
      finish(
        connectedAt
          ? openOutcome(connectedAt, false, CLOSED_UNVERIFIED)
          : failed(err, req.token !== undefined, elapsed()),
      ),
    );
    socket.on('connect', () => {
      connectedAt = elapsed();
      if (req.token === undefined) return finish(openOutcome(connectedAt, false, ''));
      verify(socket, req, connectedAt, finish);
    });
    socket.connect({ host: req.address, port: req.port });
  });
}

// Swallows the errors of a socket that is being destroyed.
function ignore(): void {}

// An open port's outcome.
function openOutcome(latencyMs: number, verified: boolean, reason: string, observed?: string): ProbeOutcome {
  return { state: 'open', reason, latencyMs, verified, observedSource: observed };
}

// With a token: sends a nonce on the connected socket and judges the responder's reply.
function verify(
  socket: net.Socket,
  req: ProbeRequest,
  connectedAt: number,
  finish: (outcome: ProbeOutcome) => void,
): void {
  const nonce = newNonce();
  let buffered = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]).subarray(0, MAX_REPLY);
    if (!buffered.includes(0x0a) && buffered.length < MAX_REPLY) return;
    const judged = judgeReply(buffered, req.token!, nonce, 'tcp', req.port);
    const outcome = openOutcome(connectedAt, judged.verified, judged.reason, judged.observedSource);
    finish(judged.busy ? { ...outcome, busy: true } : outcome);
  });
  socket.once('end', () => finish(openOutcome(connectedAt, false, CLOSED_UNVERIFIED)));
  socket.write(encodeRequest(nonce, false));
}
