import { allowList, optionalText, stringList, wholeNumber } from './fields.js';
import { requiredToken } from './probe-settings.js';
import type { RawOptions } from './selection.js';
import type { AllowList } from '../responder/allow-list.js';

/** `agent`: its control port and who may use it. */
export interface AgentInput {
  token: string;
  /** What check requests may probe (CIDR or HOST); empty: anything but loopback and link-local. */
  targets: string[];
  controlPort: number;
  bind?: string;
  allow: AllowList;
  /** Seconds to run (fractions allowed); 0: until interrupted. */
  duration: number;
}

/** `agent` options, checked and with defaults; throws OptionError. */
export function normalizeAgent(raw: RawOptions): AgentInput {
  return {
    token: requiredToken(raw, 'every request is authenticated with it'),
    targets: stringList('targets', raw.targets),
    controlPort: wholeNumber('controlPort', raw.controlPort),
    bind: optionalText('bind', raw.bind),
    allow: allowList(raw.allow),
    duration: wholeNumber('agentDuration', raw.duration, 'duration'),
  };
}
