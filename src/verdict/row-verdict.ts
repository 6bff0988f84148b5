import type { Verdict } from '../model/state.js';

/**
 * Every port must pass; with anyOf, one passing port is enough.
 * A row that does not pass is unknown while any port is unknown, else fail.
 */
export function rowVerdict(verdicts: Verdict[], anyOf: boolean): Verdict {
  const pass = verdicts.filter((v) => v === 'pass').length;
  if (verdicts.length > 0 && (anyOf ? pass > 0 : pass === verdicts.length)) return 'pass';
  if (!anyOf && verdicts.includes('fail')) return 'fail';
  return verdicts.includes('unknown') ? 'unknown' : 'fail';
}
