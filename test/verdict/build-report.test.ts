import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { buildReport, type ReportFrame } from '../../src/verdict/build-report.js';
import { assemble, type Observation } from '../../src/verdict/assemble.js';
import { probeVerdict } from '../../src/verdict/probe-verdict.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { tableDigest } from '../../src/table/table-digest.js';
import type { ProbeState } from '../../src/model/state.js';
import type { PortRow, TableAdvice } from '../../src/table/types.js';

const row = (id: string, port: number): PortRow => ({
  id,
  service: id,
  application: 'App',
  ports: [port],
  protocol: 'tcp',
  inbound: true,
  outbound: false,
  anyOf: false,
  notes: [],
});
const rows = [row('web', 443), row('ssh', 22)];

// A check of `rows` on one host where 443 answers with `web` and 22 with `ssh`.
function assembled(web: ProbeState, ssh: ProbeState) {
  const plan = buildPlan({ rows, hosts: ['srv'], peers: new Map(), directions: ['inbound'], portOffset: 0 });
  const obs = (state: ProbeState): Observation => ({
    state,
    reason: state,
    latencyMs: 1,
    verified: false,
    address: '',
  });
  const outcomes = new Map([
    ['srv|tcp|443', obs(web)],
    ['srv|tcp|22', obs(ssh)],
  ]);
  return assemble(plan, outcomes, (o) => probeVerdict({ state: o.state as ProbeState, verified: false }, false), 0);
}
const frame = (over: Partial<ReportFrame> = {}): ReportFrame => ({
  command: 'check',
  startedAt: new Date('2026-11-26T10:00:00Z'),
  t0: performance.now(),
  settings: { hosts: ['srv'] },
  table: { product: 'Acme', source: 'Acme guide', rows },
  ...over,
});

describe('buildReport: the one envelope around assembled results', () => {
  it('carries the frame, the table digest and the summary', () => {
    const report = buildReport(frame(), assembled('open', 'open'));
    expect(report).toMatchObject({
      schemaVersion: 1,
      command: 'check',
      startedAt: '2026-11-26T10:00:00.000Z',
      settings: { hosts: ['srv'], tableDigest: tableDigest({ product: 'Acme', source: 'Acme guide', rows }) },
      summary: { probes: 2, pass: 2, fail: 0, unknown: 0, rows: { pass: 2, fail: 0, unknown: 0 }, skipped: 0 },
    });
    expect(Object.keys(report)).toEqual([
      'schemaVersion',
      'tool',
      'command',
      'startedAt',
      'durationMs',
      'settings',
      'results',
      'rows',
      'summary',
    ]);
  });

  it('counts and lists the skipped rows, and keeps notes and the method', () => {
    const skipped = [{ id: 'tftp', direction: 'outbound' as const, reason: 'no host for peer role "device"' }];
    const report = buildReport(
      frame({ skipped, notes: ['a note'], method: 'bind-test', command: 'audit', expect: 'free' }),
      assembled('open', 'open'),
    );
    expect(report.summary.skipped).toBe(1);
    expect(report.skipped).toEqual(skipped);
    expect(report.notes).toEqual(['a note']);
    expect(report.method).toBe('bind-test');
  });

  it('puts the fix on failing results and rows only, and drops a fix an earlier report carried', () => {
    const a = assembled('closed', 'open');
    a.results[1]!.remediation = 'stale';
    a.rows[1]!.remediation = 'stale';
    const report = buildReport(frame(), a);
    const line = 'nothing listens on srv tcp/443: start the service (before installation, run portmatrix listen there)';
    expect(report.results.map((r) => r.remediation)).toEqual([line, undefined]);
    expect(report.rows.map((r) => r.remediation)).toEqual([line, undefined]);
    expect(report.rows[1]).not.toHaveProperty('remediation');
    expect(report.results[1]).not.toHaveProperty('remediation');
  });

  it.each([
    [
      'advice that applies',
      { source: 'Acme troubleshooting', notes: [{ id: 'x', text: 'restart web' }] },
      'Acme troubleshooting',
    ],
    ['advice without its own source', { notes: [{ id: 'x', text: 'restart web' }] }, 'Acme guide'],
    ['advice for another row only', { notes: [{ id: 'x', rows: ['ssh'], text: 'restart ssh' }] }, undefined],
    ['no advice', undefined, undefined],
  ])('adviceSource with %s: %s', (_, advice, source) => {
    const report = buildReport(
      frame({ table: { product: 'Acme', source: 'Acme guide', rows, advice: advice as TableAdvice | undefined } }),
      assembled('closed', 'open'),
    );
    expect(report.adviceSource).toBe(source);
  });

  it('an interrupted run is incomplete', () => {
    const a = assembled('open', 'open');
    const report = buildReport(frame(), { ...a, incomplete: true });
    expect(report.incomplete).toBe(true);
  });
});
