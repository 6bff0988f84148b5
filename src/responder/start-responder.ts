import net from 'node:net';
import { currentPlatform } from '../platform/index.js';
import { tcpResponder } from './tcp-responder.js';
import { udpResponder } from './udp-responder.js';
import type { BindOutcome, Listener, ResponderContext } from './types.js';
import type { Protocol } from '../table/types.js';

/** A port to bind: the table port and the port actually bound (with --port-offset). */
export interface BindTarget {
  protocol: Protocol;
  port: number;
  probedPort: number;
}

// What a bind error means for the person running listen.
function describeBindError(err: unknown, target: BindTarget): Pick<BindOutcome, 'status' | 'detail'> {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return { status: 'in-use', detail: 'port already in use by another program' };
  if (code === 'EACCES' || code === 'EPERM')
    return { status: 'needs-privileges', detail: currentPlatform().privilegeHint(target.probedPort) };
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
