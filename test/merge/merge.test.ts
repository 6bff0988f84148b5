import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSchemaErrors } from '../helpers/report-schema.js';
import { loadTable } from '../../src/table/load-table.js';
import { parseAllowList } from '../../src/responder/allow-list.js';
import { runCheck } from '../../src/commands/check.js';
import { listenAtFreeOffset } from '../helpers/offset.js';
import { CLI, ROOT, runCli, tempDir, writeTable } from '../helpers/cli.js';
import type { Report } from '../../src/model/report.js';
import type { PortTable } from '../../src/table/types.js';

const row = (id: string, ports: number[]) => ({
  id,
  service: 'S',
  application: 'A',
  ports,
  protocol: 'tcp',
  inbound: true,
  outbound: false,
});
const TABLE = { product: 'merge test', rows: [row('two', [1001, 1002]), row('one', [1003])] };

describe('portmatrix merge: one matrix from the reports of many hosts', () => {
  const dir = tempDir('portmatrix-merge-');
  const file = (name: string) => path.join(dir, name);
  let table: PortTable;
  let otherTable: PortTable;
  let offset: number;
  // c1 and c2 probe while the responder serves; late probes port 1002 again after it stopped.
  beforeAll(async () => {
    table = loadTable(writeTable(TABLE));
    const other = loadTable(writeTable({ ...TABLE, product: 'another product' }));
    otherTable = other;
    const started = await listenAtFreeOffset({ table, apps: [], direction: 'inbound', allow: parseAllowList([]) });
    offset = started.offset;
    const check = async (name: string, host: string, from: string, t = table, only?: number[]) => {
      const report = await runCheck({
        table: t,
        apps: [],
        hosts: [host],
        peers: new Map(),
        direction: 'inbound',
        only: only ? new Set(only) : undefined,
        portOffset: offset,
        concurrency: 8,
        timeoutMs: 1000,
        retries: 0,
        adaptive: true,
        from,
      });
      writeFileSync(file(name), JSON.stringify(report));
    };
    await check('c1.json', '127.0.0.1', 'c1');
    await check('c2.json', '127.0.0.2', 'c2');
    await check('other.json', '127.0.0.1', 'c3', other);
    writeFileSync(file('listen.json'), JSON.stringify(started.running.report));
    await started.running.close();
    await check('late.json', '127.0.0.1', 'c1', table, [1002]);
  });
  afterAll(() => undefined);

  const merge = async (...args: string[]) => {
    const r = await runCli(['merge', ...args, '--format', 'json']);
    return { ...r, report: r.code < 2 ? (JSON.parse(r.stdout) as Report) : undefined };
  };
  const cells = (r: Report) => Object.fromEntries(r.rows.map((x) => [`${x.id} ${x.from}→${x.host}`, x.verdict]));

  it('hosts become columns, results keep their from, and the merged report validates against the schema', async () => {
    const { code, report, stderr } = await merge(file('c1.json'), file('c2.json'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(cells(report!)).toEqual({
      'two c1→127.0.0.1': 'pass',
      'one c1→127.0.0.1': 'pass',
      'two c2→127.0.0.2': 'pass',
      'one c2→127.0.0.2': 'pass',
    });
    expect(report!.command).toBe('merge');
    expect(report!.summary).toEqual({
      probes: 6,
      pass: 6,
      fail: 0,
      unknown: 0,
      rows: { pass: 4, fail: 0, unknown: 0 },
      skipped: 0,
    });
    expect(report!.settings.tableDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(report!.settings.reports).toMatchObject([
      { file: file('c1.json'), command: 'check', from: ['c1'] },
      { file: file('c2.json'), command: 'check', from: ['c2'] },
    ]);
    expect(reportSchemaErrors(report)).toEqual([]);
    const text = await runCli(['merge', file('c1.json'), file('c2.json')]);
    expect(text.stdout).toMatch(/c1 → 127\.0\.0\.1.*c2 → 127\.0\.0\.2/);
  });

  it(
    'the later report wins for the same (row, from, host, direction, port), with a note; ' + 'the row is decided again',
    async () => {
      const { code, report } = await merge(file('c1.json'), file('late.json'));
      expect(code).toBe(1);
      const two = report!.rows.find((r) => r.id === 'two')!;
      expect(two).toMatchObject({ verdict: 'fail', passed: 1, total: 2, failedPorts: [1002], from: 'c1' });
      expect(two.remediation).toMatch(/nothing listens on 127\.0\.0\.1 tcp\/1002/);
      expect(report!.results.find((r) => r.id === 'two' && r.port === 1002)).toMatchObject({ state: 'closed' });
      expect(report!.notes).toContain(
        `${file('late.json')} replaces 1 result(s) of ${file('c1.json')} ` +
          '(same row, from, host, direction and port; the later report wins), e.g. two c1 → 127.0.0.1 inbound tcp/1002',
      );
      const back = await merge(file('late.json'), file('c1.json'));
      expect(back.code).toBe(0);
      expect(back.report!.rows.find((r) => r.id === 'two')).toMatchObject({ verdict: 'pass', passed: 2, total: 2 });
      expect(back.report!.rows.find((r) => r.id === 'two')!.remediation).toBeUndefined();
      expect(reportSchemaErrors(report)).toEqual([]);
    },
  );

  it('reads a report from standard input with -, and merges listen reports too', () => {
    const r = spawnSync(process.execPath, [CLI, 'merge', '-', file('listen.json'), '--format', 'json'], {
      input: readFileSync(file('c2.json')),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.settings.reports).toMatchObject([
      { file: '-', command: 'check' },
      { file: file('listen.json'), command: 'listen' },
    ]);
    expect(new Set(report.results.map((x) => x.state))).toEqual(new Set(['open', 'bound']));
  });

  it('refuses reports of different tables, naming the files', async () => {
    const r = await merge(file('c1.json'), file('c2.json'), file('other.json'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(
        `^portmatrix: reports of different tables cannot be merged: ${file('c1.json')}, ${file('c2.json')} ` +
          `\\(table sha256:[0-9a-f]{12}… "merge test"\\) vs ${file('other.json')} ` +
          '\\(table sha256:[0-9a-f]{12}… "another product"\\)',
      ),
    );
  });

  const bad = (name: string, content: string | Buffer) => {
    writeFileSync(file(name), content);
    return file(name);
  };
  const noDigest = () => {
    const r = JSON.parse(readFileSync(file('c1.json'), 'utf8')) as Report;
    delete r.settings.tableDigest;
    return JSON.stringify(r);
  };
  it.each([
    [
      'a truncated report',
      'truncated.json',
      () => readFileSync(file('c1.json'), 'utf8').slice(0, 120),
      /: line 1, column 121: not valid JSON: the file ends too early \(truncated\?\): expected /,
    ],
    [
      'broken JSON on line 3',
      'broken.json',
      () => '{\n  "schemaVersion": 1,\n  "tool": }\n',
      /: line 3, column 11: not valid JSON: expected a value/,
    ],
    ['an empty file', 'empty.json', () => '', /: the file is empty: expected a portmatrix JSON report$/],
    [
      'JSON that is no report',
      'other-doc.json',
      () => '{"a": 1}',
      /: not a portmatrix report: the top level: must have required property 'schemaVersion', got an object$/,
    ],
    [
      'a report with a bad verdict',
      'verdict.json',
      () => readFileSync(file('c1.json'), 'utf8').replace('"verdict":"pass"', '"verdict":"maybe"'),
      new RegExp(
        ': not a portmatrix report: /results/0/verdict: ' +
          'expected one of "pass", "fail", "unknown", got the string "maybe"$',
      ),
    ],
    [
      'a report without a table digest',
      'nodigest.json',
      noDigest,
      /: settings\.tableDigest is missing: the report was made by a portmatrix without table digests; run it again$/,
    ],
    [
      'bytes that are not UTF-8',
      'latin1.json',
      () => Buffer.from([0x7b, 0xe9, 0x7d]),
      /: expected UTF-8 text, got bytes that are not UTF-8$/,
    ],
  ])('%s: exit 2, the file and the place named', async (_what, name, content, message) => {
    const f = bad(name, content());
    const r = await merge(file('c1.json'), f);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(`portmatrix: ${f}: `)).toBe(true);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it.each([
    [['merge'], /^portmatrix: merge: expected at least one JSON report \(or - for standard input\)$/],
    [['merge', '-', '-'], /^portmatrix: merge: "-" \(standard input\) can be read once$/],
    [['merge', '/nonexistent/r.json'], /^portmatrix: \/nonexistent\/r\.json: file not found$/],
    [['merge', ROOT], new RegExp(`^portmatrix: ${ROOT}: expected a JSON report, got a directory$`)],
    [['merge', 'x.json', '--no-such'], /^portmatrix: unknown option --no-such$/],
  ])('%j: exit 2', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(message);
  });

  it('--ports FILE: every report must be of that table (digest compared), else exit 2 naming the files', async () => {
    const ok = await runCli(['merge', file('c1.json'), file('c2.json'), '--ports', table.file, '--format', 'json']);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    const bad = await runCli(['merge', file('c1.json'), '--ports', otherTable.file, '--no-color', '--quiet']);
    expect([bad.code, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toMatch(
      new RegExp(
        `^portmatrix: ${file('c1.json')}: made with another table than --ports ${otherTable.file} ` +
          '\\(sha256:[0-9a-f]{12}…, not sha256:[0-9a-f]{12}…\\); expected reports of that table\n$',
      ),
    );
  });

  it.each([
    [['two'], ['two', 'two'], 4],
    [['one'], ['one', 'one'], 2],
    [['one', 'two'], ['one', 'one', 'two', 'two'], 6],
  ])('--app %j keeps only those rows (%j) and counts their probes (%i)', async (apps, ids, probes) => {
    const args = apps.flatMap((a) => ['--app', a]);
    const r = await runCli(['merge', file('c1.json'), file('c2.json'), ...args, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.rows.map((x) => x.id).sort()).toEqual(ids);
    expect(new Set(report.results.map((x) => x.id))).toEqual(new Set(apps));
    expect(report.summary.probes).toBe(probes);
  });

  it('--app that matches no row of the reports: exit 2', async () => {
    const r = await runCli(['merge', file('c1.json'), '--app', 'nosuch']);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'portmatrix: --app nosuch: no row of the reports matches\n']);
  });

  it('writes --output atomically and nothing when an input is bad', async () => {
    const out = path.join(dir, 'out');
    mkdirSync(out, { recursive: true });
    const ok = await runCli([
      'merge',
      file('c1.json'),
      file('c2.json'),
      '--format',
      'json',
      '--output',
      `${out}/fleet.json`,
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(`${out}/fleet.json`, 'utf8')).command).toBe('merge');
    const no = await runCli([
      'merge',
      file('c1.json'),
      bad('t2.json', '{"schemaVersion"'),
      '--output',
      `${out}/never.json`,
    ]);
    expect(no.code).toBe(2);
    expect(() => readFileSync(`${out}/never.json`)).toThrow();
  });
});

describe('merge: a row skipped in one report and probed in another from the same host is a result', () => {
  // Two outbound checks on "the server": one to the aaa peer, one to the devices (real probes, closed ports).
  const outbound = async (dir: string, peer: string, from: string[] = []) => {
    const out = path.join(dir, `${peer.split('=')[0]}${from.join('')}.json`);
    const args = ['--direction', 'outbound', '--peer', peer, '--timeout', '300', '--format', 'json', '--output', out];
    const r = await runCli(['check', ...args, ...from]);
    expect(r.code).toBe(1);
    return out;
  };
  const merged = async (files: string[]) => JSON.parse((await runCli(['merge', ...files, '--format', 'json'])).stdout);

  it.each([
    // 25 outbound rows: 3 go to aaa, 9 to devices; the other 13 were probed by neither.
    ['the same host', [], [], 13],
    // From two hosts, each row probed from one host only is still untested from the other.
    ['two hosts (--from)', ['--from', 'srv1'], ['--from', 'srv2'], 25],
  ])('%s', async (_name, fromA, fromB, skipped) => {
    const dir = tempDir();
    const files = [await outbound(dir, 'aaa=127.0.0.2', fromA), await outbound(dir, 'device=127.0.0.3', fromB)];
    const report = (await merged(files)) as Report;
    expect([report.summary.skipped, report.skipped?.length]).toEqual([skipped, skipped]);
    const ids = report.skipped?.map((s) => s.id) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    if (fromA.length === 0) expect(ids.filter((id) => report.rows.some((r) => r.id === id))).toEqual([]);
  });
});
