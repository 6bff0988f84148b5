import tls from 'node:tls';
import {
  checkResponse,
  signRequest,
  MAX_RESPONSE,
  type SignedRequest,
  type SignedResponse,
} from './control-protocol.js';

/** Where an agent is, and how to trust it. */
export interface AgentAddress {
  host: string;
  port: number;
  token: string;
  pin?: string;
  timeoutMs?: number;
}

/** An agent that could not be reached or refused, with why. */
export class AgentError extends Error {
  constructor(
    readonly agent: string,
    message: string,
  ) {
    super(`agent ${agent}: ${message}`);
    this.name = 'AgentError';
  }
}

// "::1" -> "[::1]:47100"
const label = (a: AgentAddress) => `${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;
const plainHex = (fp: string) => fp.replace(/:/g, '').toLowerCase();

// What a complete response means: the result, or why it cannot be trusted or was refused.
function judge<T>(a: AgentAddress, req: SignedRequest, fingerprint: string, text: string): { ok: T } | { no: string } {
  let res: SignedResponse | undefined;
  try {
    res = JSON.parse(text) as SignedResponse;
  } catch {
    return { no: 'no valid response' };
  }
  if (res?.ok === false && res.proof === undefined)
    return { no: 'refused the request without detail (wrong token, or not a portmatrix agent of this version)' };
  if (!checkResponse(a.token, req, fingerprint, res))
    return { no: 'response not signed with the token for this certificate (wrong token, or someone in the middle)' };
  let result: T & { error?: unknown };
  try {
    result = JSON.parse(res.result) as T & { error?: unknown };
  } catch {
    return { no: 'no valid response' };
  }
  if (!res.ok) return { no: `refused: ${typeof result?.error === 'string' ? result.error : 'unknown error'}` };
  return { ok: result };
}

/**
 * Sends one signed request over TLS and returns the verified result. The agent's certificate is
 * self-signed: it is trusted because the response proves the token over its fingerprint (and,
 * with `pin`, because the fingerprint is the one given).
 */
export function callAgent<T>(a: AgentAddress, op: string, body: unknown): Promise<T> {
  const who = label(a);
  return new Promise((resolve, reject) => {
    const req = signRequest(a.token, op, body);
    const socket = tls.connect({ host: a.host, port: a.port, rejectUnauthorized: false, servername: undefined });
    const chunks: Buffer[] = [];
    let length = 0;
    let fingerprint = '';
    const fail = (msg: string) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new AgentError(who, msg));
    };
    const timeoutMs = a.timeoutMs ?? 120000;
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    socket.once('error', (err: NodeJS.ErrnoException) => fail(`unreachable (${err.code ?? err.message})`));
    socket.once('secureConnect', () => {
      fingerprint = socket.getPeerCertificate().fingerprint256 ?? '';
      if (a.pin && plainHex(fingerprint) !== plainHex(a.pin)) {
        fail(`certificate ${fingerprint} is not the pinned one`);
        return;
      }
      socket.write(`${JSON.stringify(req)}\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length > MAX_RESPONSE) fail('response too large');
    });
    socket.once('end', () => {
      clearTimeout(timer);
      socket.destroy();
      const judged = judge<T>(a, req, fingerprint, Buffer.concat(chunks, length).toString('utf8').trim());
      if ('ok' in judged) resolve(judged.ok);
      else reject(new AgentError(who, judged.no));
    });
  });
}
