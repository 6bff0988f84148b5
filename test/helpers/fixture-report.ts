import type { Report, ResultEntry, RowResult } from '../../src/model/report.js';

const res = (over: Partial<ResultEntry>): ResultEntry => ({
  id: 'x',
  service: 'S',
  application: 'A',
  direction: 'inbound',
  protocol: 'tcp',
  port: 1,
  host: 'csm01',
  address: '192.0.2.10',
  state: 'open',
  verdict: 'pass',
  verified: false,
  latencyMs: 0.5,
  reason: '',
  ...over,
});
const row = (over: Partial<RowResult>): RowResult => ({
  id: 'x',
  direction: 'inbound',
  host: 'csm01',
  verdict: 'pass',
  service: 'S',
  application: 'A',
  protocol: 'tcp',
  ports: '1',
  anyOf: false,
  passed: 1,
  total: 1,
  failedPorts: [],
  ...over,
});

/** A fixed report: four rows, two directions, every verdict, for golden-file tests of the renderers. */
export function fixtureReport(): Report {
  const https = { id: 'https-security-manager', service: 'HTTPS (SSL)', application: 'Security Manager' };
  const dcr = { id: 'dcr-ogs-common-services', service: 'DCR and OGS', application: 'Common Services' };
  const syslog = {
    id: 'syslog-security-manager',
    service: 'syslog',
    application: 'Security Manager',
    protocol: 'udp' as const,
  };
  const smtp = { id: 'smtp-common-services', service: 'SMTP', application: 'Common Services' };
  const results: ResultEntry[] = [
    res({ ...https, port: 443 }),
    res({
      ...https,
      port: 443,
      direction: 'outbound',
      host: 'mars01',
      address: '192.0.2.20',
      state: 'filtered',
      verdict: 'fail',
      reason: 'timed out (no answer)',
      latencyMs: 2000,
    }),
    ...[40050, 40051, 40052].map((port) =>
      res({
        ...dcr,
        port,
        state: port === 40051 ? 'closed' : 'open',
        verdict: port === 40051 ? 'fail' : 'pass',
        reason: port === 40051 ? 'connection refused (RST or ICMP port-unreachable)' : '',
      }),
    ),
    res({
      ...syslog,
      port: 514,
      state: 'open|filtered',
      verdict: 'unknown',
      reason: 'no answer (open, or silently dropped)',
      latencyMs: 4000,
    }),
    res({
      ...smtp,
      port: 25,
      direction: 'outbound',
      host: 'mail01',
      address: '192.0.2.30',
      state: 'closed',
      verdict: 'fail',
      reason: 'connection refused (RST or ICMP port-unreachable)',
    }),
  ];
  const rows: RowResult[] = [
    row({ ...https, ports: '443' }),
    row({
      ...https,
      ports: '443',
      direction: 'outbound',
      host: 'mars01',
      verdict: 'fail',
      passed: 0,
      failedPorts: [443],
      remediation: 'open tcp/443 from csm01 to mars01',
    }),
    row({
      ...dcr,
      ports: '40050-40052',
      verdict: 'fail',
      passed: 2,
      total: 3,
      failedPorts: [40051],
      remediation: 'open tcp/40050-40052 to csm01',
    }),
    row({ ...syslog, ports: '514', verdict: 'unknown', passed: 0, failedPorts: [514] }),
    row({ ...smtp, ports: '25', direction: 'outbound', host: 'mail01', verdict: 'fail', passed: 0, failedPorts: [25] }),
  ];
  return {
    schemaVersion: 1,
    tool: { name: 'portmatrix', version: '0.1.0' },
    command: 'check',
    startedAt: '2026-11-25T10:00:00.000Z',
    durationMs: 4012,
    settings: { concurrency: 128, timeoutMs: 2000, retries: 1 },
    results,
    rows,
    summary: { probes: 7, pass: 3, fail: 3, unknown: 1, rows: { pass: 1, fail: 3, unknown: 1 } },
  };
}
