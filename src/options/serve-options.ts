import { optionalText, stringList, wholeNumber } from './fields.js';
import { normalizeProbeSettings, type ProbeSettings } from './probe-settings.js';
import type { RawOptions } from './selection.js';
import { DEFAULT_LISTEN } from '../serve/listen-address.js';

/** `serve` options (the listen address and target guard are parsed by serve/); throws OptionError. */
export interface ServeInput extends ProbeSettings {
  apps: string[];
  portOffset: number;
  listen: string;
  targets: string[];
  /** Milliseconds between two probes of the same (target, query). */
  minIntervalMs: number;
}

/** `serve` options, checked and with defaults; throws OptionError. */
export function normalizeServe(raw: RawOptions): ServeInput {
  return {
    ...normalizeProbeSettings(raw),
    apps: stringList('apps', raw.apps),
    portOffset: wholeNumber('portOffset', raw.portOffset),
    listen: optionalText('listen', raw.listen) ?? DEFAULT_LISTEN,
    targets: stringList('targets', raw.targets),
    minIntervalMs: Math.round(wholeNumber('minInterval', raw.minInterval) * 1000),
  };
}
