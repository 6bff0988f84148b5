import { newNonce, sameMac, wireMac } from '../protocol/wire-crypto.js';

/** Requests older or newer than this are refused (clocks must agree within it). */
export const REPLAY_WINDOW_MS = 5000;
/** The default control port of `portmatrix agent`. */
export const DEFAULT_CONTROL_PORT = 47100;
/** Largest request line the agent reads (before authentication, so small). */
export const MAX_REQUEST = 64 * 1024;
/** Largest response line the client reads (a whole check report). */
export const MAX_RESPONSE = 16 * 1024 * 1024;
/** The protocol version; requests and responses of another version are refused. */
const CONTROL_VERSION = 2;

/** One signed request line: the body is carried as text so both ends MAC the same bytes. */
export interface SignedRequest {
  v: typeof CONTROL_VERSION;
  ts: number;
  nonce: string;
  op: string;
  body: string;
  mac: string;
}

/**
 * One response line. An authenticated request gets a signed response, bound to the request's nonce
 * and operation and to the agent's certificate. Anything else gets `{ v, ok: false }`: no detail,
 * no MAC — nothing is ever signed over what a stranger chose.
 */
export interface SignedResponse {
  v: typeof CONTROL_VERSION;
  ok: boolean;
  result?: string;
  proof?: string;
}

/** The bare refusal of a request that is not authentic. */
export const UNSIGNED_REFUSAL: SignedResponse = { v: CONTROL_VERSION, ok: false };

// The request's MAC fields, in order.
const requestFields = (r: Pick<SignedRequest, 'ts' | 'nonce' | 'op' | 'body'>) => [r.ts, r.nonce, r.op, r.body];

/** Signs a request: a typed MAC over the timestamp, a fresh nonce, the operation and the body. */
export function signRequest(token: string, op: string, body: unknown, now = Date.now()): SignedRequest {
  const r = { ts: now, nonce: newNonce(), op, body: JSON.stringify(body ?? {}) };
  return { v: CONTROL_VERSION, ...r, mac: wireMac(token, 'pmx1 agent request', requestFields(r)) };
}

// True when the request has every field with its type.
function wellFormed(req: SignedRequest | undefined): req is SignedRequest {
  return (
    req?.v === CONTROL_VERSION &&
    Number.isSafeInteger(req.ts) &&
    typeof req.nonce === 'string' &&
    /^[0-9a-f]{32}$/.test(req.nonce) &&
    typeof req.op === 'string' &&
    req.op.length <= 32 &&
    typeof req.body === 'string' &&
    typeof req.mac === 'string'
  );
}

/**
 * Judges a request: 'forged' when it is malformed or its MAC is wrong (answer with no detail and no
 * MAC); a reason when it is authentic but stale or replayed (the caller proved the token, so a signed
 * refusal is safe); undefined when it may run.
 */
export function checkRequest(
  token: string,
  req: SignedRequest | undefined,
  seen: Map<string, number>,
  now = Date.now(),
): 'forged' | string | undefined {
  if (!wellFormed(req) || !sameMac(req.mac, wireMac(token, 'pmx1 agent request', requestFields(req)))) return 'forged';
  if (Math.abs(now - req.ts) > REPLAY_WINDOW_MS)
    return `request outside the ${REPLAY_WINDOW_MS / 1000} s window (are the clocks in sync?)`;
  for (const [n, at] of seen)
    if (now - at > 2 * REPLAY_WINDOW_MS) seen.delete(n);
    else break;
  if (seen.has(req.nonce)) return 'replayed request';
  seen.set(req.nonce, now);
  return undefined;
}

// The response's MAC: request nonce and operation, the certificate, ok, and the result text.
function responseMac(token: string, req: Pick<SignedRequest, 'nonce' | 'op'>, fp: string, ok: boolean, text: string) {
  return wireMac(token, 'pmx1 agent response', [req.nonce, req.op, fp, ok, text]);
}

/** The agent's response to an authenticated request. */
export function signResponse(
  token: string,
  req: Pick<SignedRequest, 'nonce' | 'op'>,
  fingerprint: string,
  ok: boolean,
  result: unknown,
): SignedResponse {
  const text = JSON.stringify(result ?? null);
  return { v: CONTROL_VERSION, ok, result: text, proof: responseMac(token, req, fingerprint, ok, text) };
}

/** True when the response comes from a holder of the token, answering this request through this certificate. */
export function checkResponse(
  token: string,
  req: Pick<SignedRequest, 'nonce' | 'op'>,
  fingerprint: string,
  res: SignedResponse | undefined,
): res is SignedResponse & { result: string; proof: string } {
  return (
    res?.v === CONTROL_VERSION &&
    typeof res.ok === 'boolean' &&
    typeof res.result === 'string' &&
    sameMac(res.proof, responseMac(token, req, fingerprint, res.ok, res.result))
  );
}
