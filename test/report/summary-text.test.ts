import { describe, expect, it } from 'vitest';
import { portObserver, type Expectation } from '../../src/audit/observe-port.js';
import type { BindResult } from '../../src/audit/bind-test.js';
import type { Report, ResultEntry } from '../../src/model/report.js';
import type { ProbeSpec } from '../../src/plan/types.js';
import type { SocketTable } from '../../src/platform/types.js';
import { failureLines, runFigures } from '../../src/report/summary-text.js';
import { fixtureReport } from '../helpers/fixture-report.js';

const CONFLICT = 'it conflicts with the product; stop or move that program before installing';

// A probe of the audit's plan for one port.
const probe = (port: number) =>
  ({ key: `tcp|${port}`, host: 'vm', protocol: 'tcp', port, probedPort: port }) as unknown as ProbeSpec;

// python3 holds 1741 and 443 on every address: the OS's list, as audit reads it.
const held: SocketTable = {
  ok: true,
  source: '/proc/net',
  sockets: [1741, 443].map((port) => ({
    protocol: 'tcp' as const,
    address: '0.0.0.0',
    port,
    pid: 42,
    process: 'python3',
  })),
};
const empty: SocketTable = { ok: true, source: '/proc/net', sockets: [] };
const bindFails = (code: string) => async (p: ProbeSpec) =>
  ({
    state: 'unknown',
    why: code === 'EACCES' ? `binding tcp/${p.port} needs privileges here` : `binding tcp/${p.port} failed (${code})`,
  }) as BindResult;

// Audit's own reasons for `ports`, one result per (row, port): the real words, through the real observer.
async function auditReport(table: SocketTable, expect: Expectation, ports: number[], rows = 1, test = bindFails('')) {
  const base = fixtureReport();
  const observer = portObserver(table, test);
  const results: ResultEntry[] = [];
  for (let row = 0; row < rows; row++) {
    for (const port of ports) {
      const o = await observer.observe(probe(port), expect);
      results.push({
        ...base.results[0]!,
        id: `row-${row}`,
        host: 'vm',
        port,
        state: o.state,
        verdict: 'fail',
        reason: o.reason,
      });
    }
  }
  return { ...base, command: 'audit', results } as Report;
}

describe('the short form of a reason that names its own port reads as a sentence (#s4.3)', () => {
  it.each<[string, SocketTable, Expectation, number[], number, BindResult | undefined, string]>([
    [
      'one port in use, in 4 rows: its own words',
      held,
      'free',
      [1741],
      4,
      undefined,
      `✘ vm inbound tcp/1741: listening — tcp/1741 is already in use by python3 (pid 42): ${CONFLICT}`,
    ],
    [
      'two ports in use by the same program: each',
      held,
      'free',
      [443, 1741],
      1,
      undefined,
      `✘ vm inbound tcp/443, 1741: listening — each is already in use by python3 (pid 42): ${CONFLICT}`,
    ],
    [
      'two ports free where they should listen: them',
      empty,
      'listening',
      [9001, 9003],
      1,
      { state: 'free' },
      '✘ vm inbound tcp/9001, 9003: free — nothing listens on them: the service is not running, or uses another port',
    ],
    [
      'one port free where it should listen, in 2 rows',
      empty,
      'listening',
      [9001],
      2,
      { state: 'free' },
      '✘ vm inbound tcp/9001: free — nothing listens on tcp/9001: the service is not running, or uses another port',
    ],
    [
      'two ports a bind test could not take (privileges)',
      empty,
      'free',
      [80, 443],
      1,
      { state: 'unknown', why: 'EACCES' },
      '✘ vm inbound tcp/80, 443: unknown — binding each needs privileges here: cannot tell whether it is free',
    ],
    [
      'two ports a bind test failed on',
      empty,
      'free',
      [80, 443],
      1,
      { state: 'unknown', why: 'EINVAL' },
      '✘ vm inbound tcp/80, 443: unknown — binding each failed (EINVAL): cannot tell whether it is free',
    ],
  ])('%s', async (_, table, expect_, ports, rows, bind, line) => {
    const test = async (p: ProbeSpec): Promise<BindResult> =>
      bind?.state === 'unknown' ? bindFails(bind.why)(p) : (bind ?? { state: 'free' });
    const report = await auditReport(table, expect_, ports, rows, test);
    expect(failureLines(report, true)).toEqual([line]);
  });
});

describe('the run figures count skipped rows in number (#s4.5)', () => {
  it.each([
    [1, ' · 1 row skipped (not probed)'],
    [2, ' · 2 rows skipped (not probed)'],
  ])('%d skipped', (n, text) => {
    const r = fixtureReport();
    const skipped = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, direction: 'outbound' as const, reason: 'x' }));
    expect(runFigures({ ...r, skipped })).toContain(text);
  });
});
