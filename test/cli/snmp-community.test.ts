import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { closedPort } from '../helpers/sockets.js';
import { has, startSnmpd, type Daemon } from '../helpers/daemons.js';
import type { Report } from '../../src/model/report.js';

const canRun = has('snmpd') && process.getuid?.() === 0;
if (!canRun) console.warn('SKIP --snmp-community: needs root and the Debian package snmpd (.ci/run installs it)');

const COMMUNITY = 'fw-team-9b2c';

describe.runIf(canRun)('check --snmp-community against a real snmpd with another community', () => {
  let snmpd: Daemon;
  beforeAll(async () => {
    snmpd = await startSnmpd(await closedPort('udp'), '127.0.0.1', [], COMMUNITY);
  });
  afterAll(() => snmpd?.stop());

  // SNMP polling (161/udp, outbound to the devices) against the snmpd, via --port-offset.
  async function poll(...extra: string[]) {
    const offset = String(snmpd.port - 161);
    const args = [
      'check',
      '--direction',
      'outbound',
      '--peer',
      'device=127.0.0.1',
      '--only',
      'snmp-polling-common-services',
    ];
    const r = await runCli([
      ...args,
      '--port-offset',
      offset,
      '--timeout',
      '700',
      '--format',
      'json',
      '--quiet',
      ...extra,
    ]);
    return { ...r, report: r.code === 2 ? undefined : (JSON.parse(r.stdout) as Report) };
  }

  it.each([
    ['the default community "public"', [], 'open|filtered', 'unknown'],
    ['--snmp-community', ['--snmp-community', COMMUNITY], 'open', 'pass'],
    ['--snmp-community-file', ['--snmp-community-file', 'FILE'], 'open', 'pass'],
  ])('%s: %s', async (_name, extra, state, verdict) => {
    const file = path.join(tempDir(), 'community');
    writeFileSync(file, `${COMMUNITY}\n`);
    const r = await poll(...extra.map((a) => (a === 'FILE' ? file : a)));
    expect(r.report!.results.map((x) => [x.state, x.verdict])).toEqual([[state, verdict]]);
  });

  it('PORTMATRIX_SNMP_COMMUNITY', async () => {
    const offset = String(snmpd.port - 161);
    const r = await runCli(
      [
        'check',
        '--direction',
        'outbound',
        '--peer',
        'device=127.0.0.1',
        '--only',
        'snmp-polling-common-services',
        '--port-offset',
        offset,
        '--format',
        'json',
        '--quiet',
      ],
      { env: { PORTMATRIX_SNMP_COMMUNITY: COMMUNITY } },
    );
    expect((JSON.parse(r.stdout) as Report).results[0]!.state).toBe('open');
  });
});

describe('--snmp-community bad input', () => {
  it.each([
    [['--snmp-community', ''], '--snmp-community: expected a community of 1 to 255 bytes, got 0'],
    [
      ['--snmp-community', 'a', '--snmp-community-file', '/x'],
      '--snmp-community and --snmp-community-file: expected one of them, not both',
    ],
    [['--snmp-community-file', '/nonexistent/c'], '--snmp-community-file /nonexistent/c: file not found'],
  ])('%j: exit 2', async (args, message) => {
    const r = await runCli(['check', '127.0.0.1', '--only', '161', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`portmatrix: ${message}\n`);
  });
});
