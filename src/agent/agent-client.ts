import tls from 'node:tls';
import { checkResponse, signRequest, MAX_MESSAGE, type SignedResponse } from './control-protocol.js';

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
    let buffered = '';
    let fingerprint = '';
    const fail = (msg: string) => {
      socket.destroy();
      reject(new AgentError(who, msg));
    };
    const timer = setTimeout(() => fail(`no answer within ${(a.timeoutMs ?? 120000) / 1000} s`), a.timeoutMs ?? 120000);
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      fail(`unreachable (${err.code ?? err.message})`);
    });
    socket.once('secureConnect', () => {
      fingerprint = socket.getPeerCertificate().fingerprint256 ?? '';
      if (a.pin && fingerprint.replace(/:/g, '').toLowerCase() !== a.pin.replace(/:/g, '').toLowerCase()) {
        clearTimeout(timer);
        fail(`certificate ${fingerprint} is not the pinned one`);
        return;
      }
      socket.write(`${JSON.stringify(req)}\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      if (buffered.length > MAX_MESSAGE) {
        clearTimeout(timer);
        fail('response too large');
      }
    });
    socket.once('end', () => {
      clearTimeout(timer);
      let res: SignedResponse;
      try {
        res = JSON.parse(buffered.trim()) as SignedResponse;
      } catch {
        fail('no valid response');
        return;
      }
      if (!checkResponse(a.token, req.nonce, fingerprint, res)) {
        fail('response not signed with the token for this certificate (wrong token, or someone in the middle)');
        return;
      }
      const result = JSON.parse(res.result) as T & { error?: string };
      if (!res.ok) {
        fail(`refused: ${result?.error ?? 'unknown error'}`);
        return;
      }
      resolve(result);
    });
  });
}
