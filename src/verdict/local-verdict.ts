import type { Verdict } from '../model/state.js';
import type { Observation } from './assemble.js';

/**
 * audit: pass when the port is as expected (free, or listening beyond loopback, so that clients elsewhere reach
 * it); unknown when neither the socket table nor a bind test could tell; fail otherwise.
 */
export function auditVerdict(o: Pick<Observation, 'state' | 'unreachable'>, expect: 'free' | 'listening'): Verdict {
  if (o.state === 'unknown') return 'unknown';
  return o.state === expect && !o.unreachable ? 'pass' : 'fail';
}

/** listen: pass when the responder bound the port; every other bind state fails. */
export function bindVerdict(o: Pick<Observation, 'state'>): Verdict {
  return o.state === 'bound' ? 'pass' : 'fail';
}
