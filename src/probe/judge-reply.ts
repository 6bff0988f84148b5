import { decodeReply, verifyReply } from '../protocol/pmx-message.js';
import type { Protocol } from '../table/types.js';

/** What a reply to a verification request says. */
export interface ReplyJudgement {
  verified: boolean;
  /** The responder proved it got the request but would not answer (its budget for us is spent). */
  busy: boolean;
  reason: string;
  observedSource?: string;
}

/** The reason given when the responder stayed busy until the probe's time ran out. */
export const BUSY_REASON = 'responder busy (rate limit)';

/** Judges the bytes that came back for a request carrying `nonce` to protocol/port, with the token. */
export function judgeReply(
  bytes: Buffer,
  token: string,
  nonce: string,
  protocol: Protocol,
  port: number,
): ReplyJudgement {
  const reply = decodeReply(bytes);
  const ok = verifyReply(reply, token, nonce, protocol, port);
  if (reply?.kind === 'busy' && ok) return { verified: false, busy: true, reason: BUSY_REASON };
  const observedSource = reply?.kind === 'answer' ? `${reply.address}:${reply.port}` : undefined;
  if (ok) return { verified: true, busy: false, reason: '', observedSource };
  const reason = reply
    ? 'reply not verified: wrong token, or another responder'
    : 'unexpected reply: another program answers on this port';
  return { verified: false, busy: false, reason, observedSource };
}
