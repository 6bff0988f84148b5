import { describe, expect, it } from 'vitest';
import type { ResultEntry, RowResult } from '../../src/model/report.js';
import type { ResultState } from '../../src/model/state.js';
import { CLOSED_UNVERIFIED, RESET_WITH_RESPONDER } from '../../src/probe/classify-error.js';
import { probeLine } from '../../src/verdict/remediation-line.js';

const row: RowResult = {
  id: 'csm-https',
  direction: 'inbound',
  host: '10.1.2.3',
  verdict: 'fail',
  service: 'HTTPS',
  application: 'Security Manager',
  protocol: 'tcp',
  ports: '1741',
  anyOf: false,
  passed: 0,
  total: 1,
  failedPorts: [1741],
};
const result = (state: ResultState, reason: string): ResultEntry => ({
  ...row,
  port: 1741,
  address: '10.1.2.3',
  state,
  verdict: 'fail',
  verified: false,
  latencyMs: 1,
  reason,
});

describe('probeLine names every likely cause', () => {
  it.each([
    [
      'a reset where a responder was expected',
      result('closed', RESET_WITH_RESPONDER),
      'tcp/1741 on 10.1.2.3 is reset where a responder was expected: remove the firewall rule that rejects it ' +
        'with reset, or start the responder on this port',
    ],
    [
      'a reset without a token',
      result('closed', 'connection refused (RST or ICMP port-unreachable)'),
      'nothing listens on 10.1.2.3 tcp/1741: start the service (before installation, run portmatrix listen there)',
    ],
    [
      'an answer without the token',
      result('open', CLOSED_UNVERIFIED),
      'tcp/1741 on 10.1.2.3 answers, but not with your token: another program or a middlebox holds it, ' +
        "or the responder's --allow excludes this source",
    ],
    [
      'silence without a token: the token from a file (#s4.1)',
      { ...result('open|filtered', 'no answer (open, or silently dropped)'), verdict: 'unknown' as const },
      'no proof either way for tcp/1741 on 10.1.2.3: check against portmatrix listen --token-file FILE',
    ],
  ])('%s', (_name, failing, line) => {
    expect(probeLine(row, [failing])).toBe(line);
  });
});
