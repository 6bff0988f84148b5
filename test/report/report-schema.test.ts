import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable } from '../../src/table/load-table.js';
import { parseAllowList } from '../../src/responder/allow-list.js';
import { runCheck } from '../../src/commands/check.js';
import { runAudit } from '../../src/commands/audit.js';
import { currentPlatform } from '../../src/platform/index.js';
import { listenAtFreeOffset } from '../helpers/offset.js';
import { fixtureReport } from '../helpers/fixture-report.js';
import { reportSchemaErrors } from '../helpers/report-schema.js';
import type { RunningResponder } from '../../src/commands/listen.js';

const valid = reportSchemaErrors;

describe('docs/report.schema.json holds for real reports', () => {
  const table = loadTable();
  let running: RunningResponder;
  let offset: number;
  beforeAll(async () => {
    ({ running, offset } = await listenAtFreeOffset({
      table,
      apps: [],
      direction: 'inbound',
      token: 'k',
      allow: parseAllowList([]),
      only: new Set([443, 514, 40050, 40051]),
    }));
  });
  afterAll(() => running?.close());

  it('a listen report', () => {
    expect(valid(running.report)).toEqual([]);
  });

  it('a passing, verified check', async () => {
    const report = await runCheck({
      table,
      apps: [],
      hosts: ['127.0.0.1'],
      peers: new Map(),
      direction: 'inbound',
      only: new Set([443, 514, 40050, 40051]),
      portOffset: offset,
      concurrency: 8,
      timeoutMs: 1000,
      retries: 1,
      token: 'k',
      adaptive: true,
    });
    expect(report.summary.fail).toBe(0);
    expect(valid(report)).toEqual([]);
  });

  it('a failing check with remediation, both directions', async () => {
    const report = await runCheck({
      table,
      apps: [],
      hosts: ['127.0.0.1'],
      peers: new Map(),
      direction: 'both',
      only: new Set([443, 514, 22]),
      portOffset: offset + 7,
      concurrency: 8,
      timeoutMs: 500,
      retries: 0,
      adaptive: true,
      // With a token a reset is a firewall's (a responder was expected): the rows carry firewall rules.
      token: 'k',
    });
    expect(report.rows.some((r) => r.firewallRules)).toBe(true);
    expect(valid(report)).toEqual([]);
  });

  it('an audit report', async () => {
    const report = await runAudit({
      table,
      apps: [],
      direction: 'inbound',
      portOffset: offset,
      expect: 'free',
      platform: currentPlatform(),
    });
    expect(valid(report)).toEqual([]);
  });

  // settings.peers (check --peer): reports with it and without it (before it was recorded) both hold.
  it.each([
    [undefined, 0],
    [{ aaa: ['acs01'], mail: ['10.0.0.25', 'smtp02'] }, 0],
    [{ aaa: [] }, 1],
    [{ aaa: 'acs01' }, 1],
    [{ 'Bad role': ['acs01'] }, 1],
  ])('settings.peers %j: %i schema error(s)', (peers, errors) => {
    const doc = JSON.parse(JSON.stringify(fixtureReport()));
    if (peers === undefined) delete doc.settings.peers;
    else doc.settings.peers = peers;
    expect(valid(doc).length > 0).toBe(errors > 0);
  });

  it('the fixture and the schema agree, and the schema rejects a renamed field', () => {
    expect(valid(fixtureReport())).toEqual([]);
    const broken = JSON.parse(JSON.stringify(fixtureReport()));
    broken.results[0].verdict = 'maybe';
    expect(valid(broken)).not.toEqual([]);
    const badDate = JSON.parse(JSON.stringify(fixtureReport()));
    badDate.startedAt = 'yesterday';
    expect(valid(badDate)).not.toEqual([]);
  });
});
