import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Requests older or newer than this are refused (clocks must agree within it). */
export const REPLAY_WINDOW_MS = 5000;
/** The default control port of `portmatrix agent`. */
export const DEFAULT_CONTROL_PORT = 47100;
/** Largest request or response line. */
export const MAX_MESSAGE = 64 * 1024 * 1024;

/** One signed request line: the body is carried as text so both ends MAC the same bytes. */
export interface SignedRequest {
  v: 1;
  ts: number;
  nonce: string;
  op: string;
  body: string;
  mac: string;
}
/** One response line, bound to the request nonce and to the agent's certificate. */
export interface SignedResponse {
  ok: boolean;
  result: string;
  proof: string;
}

// HMAC-SHA256 as hex.
function mac(token: string, text: string): string {
  return createHmac('sha256', token).update(text).digest('hex');
}

// Constant-time comparison of two hex MACs.
function same(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex'),
    y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** Signs a request: HMAC over the timestamp, a fresh nonce, the operation and the body. */
export function signRequest(token: string, op: string, body: unknown, now = Date.now()): SignedRequest {
  const nonce = randomBytes(16).toString('hex');
  const text = JSON.stringify(body ?? {});
  return { v: 1, ts: now, nonce, op, body: text, mac: mac(token, `${now}.${nonce}.${op}.${text}`) };
}

/** Why a request is refused, or undefined when it is authentic, fresh and not a replay. */
export function checkRequest(
  token: string,
  req: SignedRequest,
  seen: Map<string, number>,
  now = Date.now(),
): string | undefined {
  if (
    req?.v !== 1 ||
    typeof req.ts !== 'number' ||
    typeof req.nonce !== 'string' ||
    typeof req.op !== 'string' ||
    typeof req.body !== 'string' ||
    typeof req.mac !== 'string'
  )
    return 'malformed request';
  if (!same(req.mac, mac(token, `${req.ts}.${req.nonce}.${req.op}.${req.body}`))) return 'bad signature (wrong token?)';
  if (Math.abs(now - req.ts) > REPLAY_WINDOW_MS)
    return `request outside the ${REPLAY_WINDOW_MS / 1000} s window (are the clocks in sync?)`;
  for (const [n, at] of seen)
    if (now - at > 2 * REPLAY_WINDOW_MS) seen.delete(n);
    else break;
  if (seen.has(req.nonce)) return 'replayed request';
  seen.set(req.nonce, now);
  return undefined;
}

/** The agent's response, bound to the request nonce and its certificate's fingerprint. */
export function signResponse(
  token: string,
  requestNonce: string,
  fingerprint: string,
  ok: boolean,
  result: unknown,
): SignedResponse {
  const text = JSON.stringify(result ?? null);
  return { ok, result: text, proof: mac(token, `${requestNonce}.${fingerprint}.${ok}.${text}`) };
}

/** True when the response comes from a holder of the token speaking through this certificate. */
export function checkResponse(token: string, requestNonce: string, fingerprint: string, res: SignedResponse): boolean {
  return (
    typeof res?.result === 'string' &&
    typeof res.proof === 'string' &&
    same(res.proof, mac(token, `${requestNonce}.${fingerprint}.${res.ok}.${res.result}`))
  );
}
