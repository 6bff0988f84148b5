import type { ProbeOutcome } from '../probe/types.js';
import type { Verdict } from '../report/types.js';

/** pass when open (and verified, with a token); unknown for open|filtered; fail otherwise. */
export function probeVerdict(outcome: Pick<ProbeOutcome, 'state' | 'verified'>, withToken: boolean): Verdict {
  if (outcome.state === 'open') return !withToken || outcome.verified ? 'pass' : 'fail';
  if (outcome.state === 'open|filtered') return 'unknown';
  return 'fail';
}
