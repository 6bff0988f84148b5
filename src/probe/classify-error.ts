import type { ProbeState } from '../model/state.js';

/** A state and the reason to print, decided from an error code alone. */
export interface Classified {
  state: ProbeState;
  reason: string;
  code?: string;
}

const TABLE: Record<string, Classified> = {
  ECONNREFUSED: { state: 'closed', reason: 'connection refused (RST or ICMP port-unreachable)' },
  ECONNRESET: { state: 'closed', reason: 'connection reset' },
  ETIMEDOUT: { state: 'filtered', reason: 'timed out (no answer)' },
  EHOSTUNREACH: {
    state: 'filtered',
    reason: 'host unreachable or administratively prohibited (ICMP): a firewall on the path, or no route to the host',
  },
  ENETUNREACH: { state: 'filtered', reason: 'network unreachable (no route, or ICMP network-unreachable)' },
  EPERM: { state: 'filtered', reason: 'refused by a local firewall (EPERM)' },
  EACCES: { state: 'filtered', reason: 'administratively prohibited: a firewall on the path (EACCES)' },
  ENOTFOUND: { state: 'error', reason: 'DNS: host not found (ENOTFOUND)' },
  EAI_AGAIN: { state: 'error', reason: 'DNS: temporary failure (EAI_AGAIN)' },
  EAI_NONAME: { state: 'error', reason: 'DNS: no such name (EAI_NONAME)' },
  EADDRNOTAVAIL: { state: 'error', reason: 'local error: address not available (EADDRNOTAVAIL)' },
  EAFNOSUPPORT: { state: 'error', reason: 'local error: address family not supported (EAFNOSUPPORT)' },
  EMFILE: { state: 'error', reason: 'local error: too many open files (EMFILE)' },
  ENFILE: { state: 'error', reason: 'local error: too many open files in the system (ENFILE)' },
  ENOBUFS: { state: 'error', reason: 'local error: no buffer space (ENOBUFS)' },
  EINVAL: { state: 'error', reason: 'local error: invalid argument (EINVAL)' },
};

/** The reason for a reset where a responder was expected (a token was given): both explanations. */
export const RESET_WITH_RESPONDER =
  'connection refused (RST) where a responder was expected: a firewall rejecting with reset, ' +
  'or the responder is not on this port';

/** The reason for a connection closed before the responder's verification reply. */
export const CLOSED_UNVERIFIED =
  "connection closed without a verification reply: the responder's --allow excludes this source, " +
  'or another program answers on this port';

// Each known code's classification, built once and shared by every probe that meets it (never changed).
const CLASSIFIED = new Map<string, Classified>(
  Object.entries(TABLE).map(([code, c]) => [code, Object.freeze({ ...c, code })]),
);

/** Classifies a socket error by its `code`, never by its message; the result is shared: copy it to change it. */
export function classifyError(err: unknown): Classified {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const known = code === undefined ? undefined : CLASSIFIED.get(code);
  return known ?? { state: 'error', reason: `local error (${code ?? 'unknown'})`, code };
}

/** Error codes that mean "out of descriptors": the probe is worth retrying. */
export function isResourceExhausted(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EMFILE' || code === 'ENFILE';
}
