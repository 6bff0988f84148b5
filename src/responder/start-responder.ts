import net from 'node:net';
import { currentPlatform } from '../platform/index.js';
import { tcpResponder } from './tcp-responder.js';
import { udpResponder } from './udp-responder.js';
import { BUSY_RATE_LIMIT, DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rate-limit.js';
import type { AllowList } from './allow-list.js';
import type { ReceiveLog } from './receive-log.js';
import type { BindOutcome, Listener, ResponderContext } from './types.js';
import type { Protocol } from '../table/types.js';

/** A port to bind: the table port and the port actually bound (with --port-offset). */
export interface BindTarget {
  protocol: Protocol;
  port: number;
  probedPort: number;
}

/** Total deadline for a TCP request line, from accept. */
const TCP_DEADLINE_MS = 5000;

/** A responder's limits; the defaults are sized for a change window's load (docs/security.md). */
export interface ResponderLimits {
  deadlineMs: number;
  maxConnections: number;
  maxPerSource: number;
  udpAnswers: RateLimitOptions;
  udpBusy: RateLimitOptions;
}

const DEFAULT_RESPONDER_LIMITS: ResponderLimits = {
  deadlineMs: TCP_DEADLINE_MS,
  maxConnections: 4096,
  maxPerSource: 1024,
  udpAnswers: DEFAULT_RATE_LIMIT,
  udpBusy: BUSY_RATE_LIMIT,
};

/** A responder's shared state: its limits, fresh counters, and where nonces are logged. */
export function newResponderContext(o: {
  token?: string;
  allow: AllowList;
  log?: ReceiveLog;
  limits?: Partial<ResponderLimits>;
}): ResponderContext {
  const l = { ...DEFAULT_RESPONDER_LIMITS, ...o.limits };
  return {
    token: o.token,
    allow: o.allow,
    limiter: new RateLimiter(l.udpAnswers),
    busyLimiter: new RateLimiter(l.udpBusy),
    stats: { answered: 0, busy: 0, dropped: 0, refused: 0, connections: 0, open: 0 },
    deadlineMs: l.deadlineMs,
    maxConnections: l.maxConnections,
    maxPerSource: l.maxPerSource,
    perSource: new Map(),
    log: o.log,
  };
}

// What a bind error means for the person running listen.
function describeBindError(err: unknown, target: BindTarget): Pick<BindOutcome, 'status' | 'detail'> {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return { status: 'in-use', detail: 'port already in use by another program' };
  if (code === 'EACCES' || code === 'EPERM')
    return { status: 'needs-privileges', detail: currentPlatform().privilegeHint(target.probedPort, target.protocol) };
  if (code === 'EADDRNOTAVAIL')
    return { status: 'address-not-available', detail: 'the --bind address is not on this host' };
  return { status: 'error', detail: `cannot bind (${code ?? 'error'})` };
}

/** The address to bind: --bind, else every interface (dual-stack "::" where IPv6 exists, else 0.0.0.0). */
export async function defaultBindAddress(bind: string | undefined): Promise<string> {
  if (bind) return bind;
  const probe = net.createServer();
  const ok = await new Promise<boolean>((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen({ host: '::', port: 0, ipv6Only: false }, () => resolve(true));
  });
  if (ok) await new Promise((r) => probe.close(r));
  return ok ? '::' : '0.0.0.0';
}

/** Binds every target; keeps serving the ones that bound, and says why the others did not. */
export async function startResponder(
  targets: BindTarget[],
  address: string,
  ctx: ResponderContext,
): Promise<{ outcomes: BindOutcome[]; listeners: Listener[] }> {
  const listeners: Listener[] = [];
  const outcomes = await Promise.all(
    targets.map(async (t): Promise<BindOutcome> => {
      try {
        const l = await (t.protocol === 'tcp' ? tcpResponder : udpResponder)(address, t.probedPort, ctx);
        listeners.push(l);
        return { ...t, address, status: 'bound', detail: '' };
      } catch (err) {
        return { ...t, address, ...describeBindError(err, t) };
      }
    }),
  );
  return { outcomes, listeners };
}
