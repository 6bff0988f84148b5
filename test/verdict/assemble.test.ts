import { describe, expect, it } from 'vitest';
import { assemble, type Observation } from '../../src/verdict/assemble.js';
import { probeVerdict } from '../../src/verdict/probe-verdict.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { ProbeState } from '../../src/model/state.js';
import type { PortRow } from '../../src/table/types.js';

const row = (id: string, ports: Array<number | string>, over: Partial<PortRow> = {}): PortRow => ({
  id,
  service: `${id} service`,
  application: 'App',
  ports,
  protocol: 'tcp',
  inbound: true,
  outbound: false,
  anyOf: false,
  notes: [],
  ...over,
});
const observed = (state: ProbeState, over: Partial<Observation> = {}): Observation => ({
  state,
  reason: `${state} reason`,
  latencyMs: 1,
  verified: false,
  address: '127.0.0.1',
  ...over,
});
const verdictOf = (o: Observation) => probeVerdict({ state: o.state as ProbeState, verified: o.verified }, false);

// A plan of these rows on these hosts, inbound, and its observations by probe key.
function run(rows: PortRow[], hosts: string[], states: Record<string, ProbeState | Observation>, offset = 0) {
  const plan = buildPlan({ rows, hosts, peers: new Map(), directions: ['inbound'], portOffset: offset });
  const outcomes = new Map(
    Object.entries(states).map(([k, s]) => [k, typeof s === 'string' ? observed(s) : s] as [string, Observation]),
  );
  return { plan, assembled: assemble(plan, outcomes, verdictOf, offset) };
}

describe('assemble: one probe answers for every row that needs it', () => {
  it('fans a deduplicated probe back out to each row and host', () => {
    const rows = [row('a', [443]), row('b', [443, 80])];
    const { plan, assembled } = run(rows, ['h1', 'h2'], {
      'h1|tcp|443': 'open',
      'h2|tcp|443': 'closed',
      'h1|tcp|80': 'open',
      'h2|tcp|80': 'open|filtered',
    });
    expect(plan.probes).toHaveLength(4);
    expect(assembled.results.map((r) => [r.id, r.host, r.port, r.state, r.verdict])).toEqual([
      ['a', 'h1', 443, 'open', 'pass'],
      ['a', 'h2', 443, 'closed', 'fail'],
      ['b', 'h1', 443, 'open', 'pass'],
      ['b', 'h1', 80, 'open', 'pass'],
      ['b', 'h2', 443, 'closed', 'fail'],
      ['b', 'h2', 80, 'open|filtered', 'unknown'],
    ]);
    expect(assembled.rows.map((r) => [r.id, r.host, r.verdict, r.passed, r.total, r.failedPorts])).toEqual([
      ['a', 'h1', 'pass', 1, 1, []],
      ['a', 'h2', 'fail', 0, 1, [443]],
      ['b', 'h1', 'pass', 2, 2, []],
      ['b', 'h2', 'fail', 0, 2, [443, 80]],
    ]);
    expect(assembled.summary).toEqual({
      probes: 4,
      pass: 3,
      fail: 2,
      unknown: 1,
      rows: { pass: 2, fail: 2, unknown: 0 },
    });
    expect(assembled.incomplete).toBe(false);
  });

  it.each([
    ['every alternative silent', ['open|filtered', 'closed'], 'unknown'],
    ['one alternative open', ['closed', 'open'], 'pass'],
    ['every alternative closed', ['closed', 'closed'], 'fail'],
  ] as const)('an any-of row: %s -> %s', (_, [first, second], verdict) => {
    const { assembled } = run([row('alt', [8080, 8081], { anyOf: true })], ['h'], {
      'h|tcp|8080': first,
      'h|tcp|8081': second,
    });
    expect(assembled.rows).toEqual([expect.objectContaining({ id: 'alt', verdict, anyOf: true, ports: '8080/8081' })]);
  });

  it('an interrupted probe leaves its rows out and marks the run incomplete', () => {
    const { assembled } = run([row('a', [22]), row('b', [22, 23]), row('c', [25])], ['h'], {
      'h|tcp|22': 'open',
      'h|tcp|23': observed('filtered', { interrupted: true }),
    });
    expect(assembled.results.map((r) => `${r.id}/${r.port}`)).toEqual(['a/22', 'b/22']);
    expect(assembled.rows.map((r) => r.id)).toEqual(['a']);
    expect(assembled.summary).toEqual({
      probes: 1,
      pass: 2,
      fail: 0,
      unknown: 0,
      rows: { pass: 1, fail: 0, unknown: 0 },
    });
    expect(assembled.incomplete).toBe(true);
  });

  it('reports the table port and, with an offset, the probed port beside it', () => {
    const { assembled } = run(
      [row('a', [443])],
      ['h'],
      { 'h|tcp|20443': observed('open', { localAddress: '127.0.0.1', observedSource: '127.0.0.2:50000' }) },
      20000,
    );
    expect(assembled.results[0]).toMatchObject({
      port: 443,
      probedPort: 20443,
      source: '127.0.0.1',
      observedSource: '127.0.0.2:50000',
    });
  });

  it('an IPv6 local source keeps its address whole', () => {
    const { assembled } = run([row('a', [22])], ['h'], { 'h|tcp|22': observed('open', { localAddress: '::1' }) });
    expect(assembled.results[0]!.source).toBe('::1');
    expect(assembled.results[0]).not.toHaveProperty('probedPort');
  });
});
