import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { CLOSED_UNVERIFIED, type Classified, RESET_WITH_RESPONDER, classifyError } from './classify-error.js';
import { encodeRequest, newNonce } from '../protocol/pmx-message.js';
import { judgeReply } from './judge-reply.js';
import { ADAPTIVE_TIMEOUT, type ProbeOutcome, type ProbeRequest } from './types.js';

const MAX_REPLY = 512;

// A failed connect, classified; a reset where a responder was expected names both of its causes.
function refusal(err: unknown, responderExpected: boolean): Classified {
  const c = classifyError(err);
  return responderExpected && c.code === 'ECONNREFUSED' ? { ...c, reason: RESET_WITH_RESPONDER } : c;
}

// The outcome of a probe cut short by its signal.
export function abortedOutcome(
  signal: AbortSignal,
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
      if (socket.localAddress) outcome.localSource ??= local();
      clearTimeout(timer);
      req.signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
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
    const local = () => `${socket.localAddress ?? '?'}:${socket.localPort ?? 0}`;
    const openOutcome = (latencyMs: number, verified: boolean, reason: string, observed?: string): ProbeOutcome => ({
      state: 'open',
      reason,
      latencyMs,
      verified,
      observedSource: observed,
    });
    req.signal.addEventListener('abort', onAbort, { once: true });
    socket.once('error', (err) =>
      finish(
        connectedAt
          ? openOutcome(connectedAt, false, CLOSED_UNVERIFIED)
          : { ...refusal(err, req.token !== undefined), latencyMs: elapsed(), verified: false },
      ),
    );
    socket.once('connect', () => {
      connectedAt = elapsed();
      if (req.token === undefined) return finish(openOutcome(connectedAt, false, ''));
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
    });
    socket.connect({ host: req.address, port: req.port });
  });
}
