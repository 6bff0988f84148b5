import { describe, expect, it } from 'vitest';
import { actionLines } from '../../src/report/action-groups.js';
import { nextSteps } from '../../src/report/next-steps.js';
import { failureLines } from '../../src/report/summary-text.js';
import type { Report, ResultEntry } from '../../src/model/report.js';
import { fixtureReport } from '../helpers/fixture-report.js';

// The fixture report with every failing result in one state (and its rows failing).
function withState(state: string, verdict: ResultEntry['verdict'] = 'fail', command: Report['command'] = 'check') {
  const r = fixtureReport();
  return {
    ...r,
    command,
    results: r.results.map((x) => (x.verdict === 'pass' ? x : { ...x, state, verdict })),
    rows: r.rows.map((x) => (x.verdict === 'pass' ? x : { ...x, verdict })),
  } as Report;
}

describe('what to do next', () => {
  it.each([
    [
      'closed',
      'Next: nothing listens yet. Before installation, run `portmatrix listen` on csm01 and `portmatrix listen ' +
        '--direction outbound` on mars01 and mail01, then check again.',
    ],
    [
      'filtered',
      'Next: a firewall blocks these flows. For the rules that allow them (nftables, iptables, Windows, ASA), ' +
        'add `--format html --output report.html`.',
    ],
    [
      'open|filtered',
      'Next: to prove the UDP rows, run `portmatrix listen --token-file FILE` on mars01, csm01 and mail01 and ' +
        'check again with the same --token-file.',
    ],
    ['error', "Next: each failing row's fix is in `--format html --output report.html`."],
  ])('every failure %s -> %s', (state, next) => {
    expect(nextSteps(withState(state))[1]).toBe(next);
  });

  // The responder a check's next step names answers the same probes: its offset, its token (#19.4).
  it.each([
    [{ portOffset: 10000 }, 'closed', '`portmatrix listen --port-offset 10000` on csm01'],
    [{ portOffset: 10000, verified: true }, 'closed', '`portmatrix listen --token-file FILE --port-offset 10000` on'],
    [{ portOffset: -100 }, 'open|filtered', '`portmatrix listen --token-file FILE --port-offset -100` on mars01'],
    [{ portOffset: 0 }, 'closed', '`portmatrix listen` on csm01'],
  ])('check with %j, every failure %s: %s', (settings, state, step) => {
    const r = withState(state);
    expect(nextSteps({ ...r, settings: { ...r.settings, ...settings } })[1]).toContain(step);
  });

  it('a merge of check reports gets the check next step, not the one of listen', () => {
    const r = withState('closed', 'fail', 'merge');
    const settings = { reports: [{ command: 'check' }, { command: 'matrix' }] };
    expect(nextSteps({ ...r, settings })[1]).toMatch(/^Next: nothing listens yet\. Before installation, run/);
    const mixed = { reports: [{ command: 'check' }, { command: 'audit' }] };
    expect(nextSteps({ ...r, settings: mixed })[1]).toBe(
      "Next: each failing row's fix is in `--format html --output report.html`.",
    );
  });

  // Row counts agree in number (#s4.5): never "All 1 rows pass".
  it.each<[string, Array<ResultEntry['verdict']>, string]>([
    ['one row passes', ['pass'], '1 row passes'],
    ['one row fails', ['fail'], '1 row fails'],
    ['one row unknown', ['unknown'], '1 row is unknown'],
    ['one of two fails', ['fail', 'pass'], '1 of 2 rows fails'],
    ['two of three fail, one unknown', ['fail', 'fail', 'unknown'], '2 of 3 rows fail, 1 unknown'],
    ['none fails, one unknown', ['pass', 'unknown'], '0 of 2 rows fail, 1 unknown'],
    ['two pass', ['pass', 'pass'], 'All 2 rows pass'],
  ])('%s: %s', (_, verdicts, counts) => {
    const r = fixtureReport();
    const rows = verdicts.map((verdict, i) => ({ ...r.rows[0]!, id: `r${i}`, verdict }));
    expect(nextSteps({ ...r, rows, skipped: [] })[0]!.split(' · ')[0]).toBe(counts);
  });

  it('counts rows, and says so when every row passes', () => {
    const r = withState('open', 'pass');
    expect(nextSteps(r)).toEqual([
      'All 5 rows pass · probes 7 · results 3 pass / 3 fail / 1 unknown · 4.01 s',
      'Next: keep a record for the change ticket: add `--format html --output report.html`.',
    ]);
  });

  // listen's last line: the check that proves its paths, with its token file and port offset (#s4.1).
  it.each([
    [{}, "Next: from the far side, run `portmatrix check HOST`, HOST being this host's address."],
    [
      { verified: true, portOffset: 11111 },
      'Next: from the far side, run `portmatrix check HOST --token-file FILE --port-offset 11111`, HOST being this ' +
        "host's address, FILE holding the same token as here.",
    ],
    [
      { verified: true, direction: 'outbound' },
      'Next: on the server, run `portmatrix check --direction outbound --peer ROLE=HOST --token-file FILE`, HOST ' +
        "being this peer's address, FILE holding the same token as here.",
    ],
  ])('listen with %j, every row bound: %s', (settings, next) => {
    const r = withState('open', 'pass', 'listen');
    expect(nextSteps({ ...r, settings })[1]).toBe(next);
  });

  it('listen, a port it could not bind: --port-offset first, root only on Linux (#s4.5)', () => {
    expect(nextSteps(withState('needs-privileges', 'fail', 'listen'))[1]).toBe(
      'Next: use --port-offset N here and `check --port-offset N` there (or, on Linux, run as root).',
    );
  });

  it.each([
    [{ expect: 'free' }, 'in-use', /^Next: stop or move the programs that hold these ports/],
    [{ expect: 'listening' }, 'free', /^Next: start the services, then run `portmatrix audit --expect listening`/],
    [
      { expect: 'listening' },
      'listening',
      /^Next: make the services listen where clients reach them \(0\.0\.0\.0 or ::, or the address clients use\), then/,
    ],
  ])('audit %j with %s', (settings, state, next) => {
    const r = withState(state, 'fail', 'audit');
    expect(nextSteps({ ...r, settings })[1]).toMatch(next);
  });

  it('groups what to change by action, all its ports on one line', () => {
    const r = withState('closed');
    expect(actionLines(r)).toEqual([
      "start the peer's service on mars01 (before it is ready, run portmatrix listen --direction outbound there): " +
        'tcp/443',
      'start the service on csm01 (before installation, run portmatrix listen there): tcp/40051; udp/514',
      "start the peer's service on mail01 (before it is ready, run portmatrix listen --direction outbound there): " +
        'tcp/25',
    ]);
  });

  it('an action says where the ports were probed when --port-offset moved them', () => {
    const r = withState('closed');
    const moved = { ...r, results: r.results.map((x) => ({ ...x, probedPort: x.port + 10000 })) };
    expect(actionLines(moved)[1]).toBe(
      'start the service on csm01 (before installation, run portmatrix listen there) (probed at +10000): ' +
        'tcp/40051; udp/514',
    );
  });

  it('the short form groups reasons that name their own port', () => {
    const r = fixtureReport();
    const free = (port: number): ResultEntry => ({
      ...r.results[0]!,
      port,
      state: 'free',
      verdict: 'fail',
      reason: `nothing listens on tcp/${port}: the service is not running`,
    });
    const report = { ...r, results: [free(1741), free(443), free(9007)] };
    expect(failureLines(report, true)).toEqual([
      '✘ csm01 inbound tcp/443, 1741, 9007: free — nothing listens on them: the service is not running',
    ]);
    expect(failureLines(report)).toHaveLength(3);
  });
});

describe('actionLines words the action verdict/ decides for each failing result', () => {
  const all = 'tcp/25, 443, 40051; udp/514';
  it.each([
    [
      'merge of checks',
      'filtered',
      'merge',
      {},
      [
        "allow from this client to mars01 in the firewalls on the path and in the server's outbound rules: tcp/443",
        'allow from this client to csm01 in the firewalls on the path and on the server: tcp/40051; udp/514',
        "allow from this client to mail01 in the firewalls on the path and in the server's outbound rules: tcp/25",
      ],
    ],
    [
      'listen',
      'needs-privileges',
      'listen',
      {},
      [
        'binding them was refused (Linux: below 1024 needs root; Windows: a reserved port range, or a program that ' +
          `holds them exclusively): use --port-offset: ${all}`,
      ],
    ],
    [
      'listen',
      'error',
      'listen',
      {},
      [
        'timed out (no answer): tcp/443',
        'connection refused (RST or ICMP port-unreachable): tcp/25, 40051',
        'no answer (open, or silently dropped): udp/514',
      ],
    ],
    [
      'audit --expect free',
      'listening',
      'audit',
      { expect: 'free' },
      [`stop or move the program that holds them before installing: ${all}`],
    ],
    ['audit --expect listening', 'free', 'audit', { expect: 'listening' }, [`start the services: ${all}`]],
    [
      'check, silent: the token from a file, never on the command line (#s4.1)',
      'open|filtered',
      'check',
      {},
      [
        'prove these on mars01: run portmatrix listen --direction outbound --token-file FILE there and check with ' +
          'the same --token-file: tcp/443',
        'prove these on csm01: run portmatrix listen --token-file FILE there and check with the same --token-file: ' +
          'tcp/40051; udp/514',
        'prove these on mail01: run portmatrix listen --direction outbound --token-file FILE there and check with ' +
          'the same --token-file: tcp/25',
      ],
    ],
  ] as const)('%s, %s', (_, state, command, settings, lines) => {
    expect(actionLines({ ...withState(state, 'fail', command), settings })).toEqual(lines);
  });
});
