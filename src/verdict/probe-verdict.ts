import type { ProbeOutcome } from '../probe/types.js';
import type { Verdict } from '../model/state.js';

/**
 * pass when open (and verified, with a token); unknown for open|filtered and when the responder was
 * busy (a refusal by the responder is never a verdict on the path); fail otherwise.
 */
export function probeVerdict(outcome: Pick<ProbeOutcome, 'state' | 'verified' | 'busy'>, withToken: boolean): Verdict {
  if (outcome.busy) return 'unknown';
  if (outcome.state === 'open') return !withToken || outcome.verified ? 'pass' : 'fail';
  if (outcome.state === 'open|filtered') return 'unknown';
  return 'fail';
}
