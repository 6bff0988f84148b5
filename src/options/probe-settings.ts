import { OptionError } from './option-error.js';
import { readToken } from './token.js';
import { flag, wholeNumber } from './fields.js';
import type { RawOptions } from './selection.js';

/** How probes are sent. */
export interface ProbeSettings {
  concurrency: number;
  timeoutMs: number;
  retries: number;
  /** Milliseconds to keep confirming silent UDP ports of a host that rate-limits its ICMP errors. */
  rateLimitBudgetMs: number;
  token?: string;
  adaptive: boolean;
}

/** The token from the option, the token file or PORTMATRIX_TOKEN (warnings about the file go to stderr). */
export function tokenOf(raw: RawOptions): string | undefined {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return readToken({ token: text(raw.token), tokenFile: text(raw.tokenFile), env: process.env.PORTMATRIX_TOKEN }, (m) =>
    process.stderr.write(`portmatrix: ${m}\n`),
  );
}

/** A token that must be there; `why` says what needs it. */
export function requiredToken(raw: RawOptions, why: string): string {
  const token = tokenOf(raw);
  if (token === undefined) throw new OptionError('token', undefined, `a token is required: ${why}`);
  return token;
}

/** How probes are sent: bounds and defaults of concurrency, timeout, retries; the token. */
export function normalizeProbeSettings(raw: RawOptions): ProbeSettings {
  return {
    concurrency: wholeNumber('concurrency', raw.concurrency),
    timeoutMs: wholeNumber('timeoutMs', raw.timeoutMs),
    retries: wholeNumber('retries', raw.retries),
    rateLimitBudgetMs: Math.round(wholeNumber('rateLimitBudget', raw.rateLimitBudget) * 1000),
    token: tokenOf(raw),
    adaptive: flag('adaptive', raw.adaptive, true),
  };
}
