import { describe, expect, it } from 'vitest';
import { classifyError } from '../../src/probe/classify-error.js';

describe('classifyError names the likely cause by error code', () => {
  it.each([
    ['ECONNREFUSED', 'closed', 'connection refused (RST or ICMP port-unreachable)'],
    [
      'EHOSTUNREACH',
      'filtered',
      'host unreachable or administratively prohibited (ICMP): a firewall on the path, or no route to the host',
    ],
    ['EACCES', 'filtered', 'administratively prohibited: a firewall on the path (EACCES)'],
    ['EPERM', 'filtered', 'refused by a local firewall (EPERM)'],
    ['ETIMEDOUT', 'filtered', 'timed out (no answer)'],
  ])('%s', (code, state, reason) => {
    expect(classifyError(Object.assign(new Error('x'), { code }))).toEqual({ state, reason, code });
  });
});
