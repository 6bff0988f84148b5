import type { ProbeResult } from '../probe/run-probes.js';
import { unmapAddress } from '../util/address.js';

// "::ffff:10.0.0.1:5000" -> "10.0.0.1"
function addressOf(endpoint: string): string {
  return unmapAddress(endpoint.slice(0, endpoint.lastIndexOf(':')));
}

/** Notes where the responder saw a different source address than the one we sent from (NAT in the path). */
export function natNotes(outcomes: Map<string, ProbeResult>): string[] {
  const seen = new Set<string>();
  for (const o of outcomes.values()) {
    if (!o.observedSource || !o.localAddress) continue;
    const ours = unmapAddress(o.localAddress);
    const theirs = addressOf(o.observedSource);
    if (ours !== theirs) seen.add(`to ${o.address}: sent from ${ours}, the responder saw ${theirs} (NAT in the path)`);
  }
  return [...seen];
}
