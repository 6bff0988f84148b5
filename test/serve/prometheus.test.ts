import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir, writeTable } from '../helpers/cli.js';
import { has } from '../helpers/daemons.js';
import { closedPort, tcpListener } from '../helpers/sockets.js';
import { startServe, type Served } from '../helpers/serve.js';

const why = has('prometheus') && has('promtool') ? '' : 'prometheus/promtool not installed (.ci/run installs them)';
if (why) console.warn(`SKIP serve with Prometheus: ${why}`);

const ALERTS = path.join(ROOT, 'docs', 'prometheus', 'alerts.yml');

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

// The scrape config block of docs/prometheus.md, pointed at this test's exporter, scraping every second.
function configFromDocs(exporter: string): string {
  const doc = readFileSync(path.join(ROOT, 'docs', 'prometheus.md'), 'utf8');
  let block = /## Scrape config[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
  for (const [from, to] of [
    ['csm01.example.net', '127.0.0.1'],
    ['127.0.0.1:9753', exporter],
    ['scrape_interval: 60s', 'scrape_interval: 1s'],
    ['scrape_timeout: 30s', 'scrape_timeout: 1s'],
    ['portmatrix/alerts.yml', ALERTS],
  ]) {
    if (!block.includes(from!)) throw new Error(`docs/prometheus.md scrape config no longer contains "${from}"`);
    block = block.replaceAll(from!, to!);
  }
  return `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n${block}`;
}

// A loopback port free at the time of asking.
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

// Polls until check() returns a value, or fails with the last value seen.
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 30000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    last = await check().catch((err: unknown) => err);
    if (last !== undefined && !(last instanceof Error)) return last as T;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}; last: ${String(last)}`);
}

describe.skipIf(!!why)('serve scraped by a real Prometheus, with the relabelling of docs/prometheus.md', () => {
  let served: Served;
  let prometheus: ChildProcess;
  let api = '';
  let storage = '';
  let promLog = '';
  const listeners: Array<{ port: number; close(): Promise<void> }> = [];

  const query = async (promql: string): Promise<Sample[]> => {
    const res = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as { status: string; data: { result: Sample[] }; error?: string };
    if (body.status !== 'success') throw new Error(`${promql}: ${body.error}`);
    return body.data.result;
  };
  // row -> value of a per-row metric, once every row is present.
  const rowValues = async (promql: string, rows = 3) => {
    const result = await query(promql);
    return result.length === rows ? Object.fromEntries(result.map((s) => [s.metric.row!, s.value[1]])) : undefined;
  };

  beforeAll(async () => {
    const [up, flip] = [await tcpListener(), await tcpListener()];
    listeners.push(up, flip);
    const down = await closedPort('tcp');
    const row = (id: string, port: number) => ({
      id,
      service: id,
      application: 'Prom',
      ports: [port],
      protocol: 'tcp',
      inbound: true,
      outbound: false,
    });
    const table = writeTable({
      product: 'prom-test',
      rows: [row('up', up.port), row('down', down), row('flip', flip.port)],
    });
    served = await startServe(['--ports', table, '--min-interval', '0.5', '--timeout', '500']);
    const dir = tempDir('portmatrix-prom-');
    storage = dir;
    const config = path.join(dir, 'prometheus.yml');
    writeFileSync(config, configFromDocs(served.url.replace('http://', '')));
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    prometheus.stderr!.on('data', (d: Buffer) => {
      promLog += d.toString();
    });
    await waitFor('Prometheus to be ready', async () => ((await fetch(`${api}/-/ready`)).ok ? true : undefined)).catch(
      (err: Error) => {
        throw new Error(`${err.message}\nprometheus said: ${promLog}`);
      },
    );
  });

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await Promise.race([exited, sleep(10000).then(() => prometheus.kill('SIGKILL'))]);
    }
    await served?.stop();
    for (const l of listeners) await l.close();
    if (storage) rmSync(storage, { recursive: true, force: true });
  });

  it('stores a row passing and a row failing under the target as instance', async () => {
    const rows = await waitFor('three rows scraped', () =>
      rowValues('portmatrix_row_pass{job="portmatrix",instance="127.0.0.1",host="127.0.0.1"}'),
    );
    expect(rows).toEqual({ up: '1', down: '0', flip: '1' });
    const states = await query('portmatrix_port_state{instance="127.0.0.1"} == 1');
    expect(Object.fromEntries(states.map((s) => [s.metric.row, s.metric.state]))).toEqual({
      up: 'open',
      down: 'closed',
      flip: 'open',
    });
    expect((await query('probe_success{instance="127.0.0.1"}')).map((s) => s.value[1])).toEqual(['0']);
    // Prometheus sends its scrape_timeout (1 s); 10 attempts of 500 ms (a lossy path) do not fit in it: said once.
    expect(
      served.stderr().match(/scrape_timeout \(1 s\) is not longer than this query's worst case \(5 s: 10 attempts/g),
    ).toHaveLength(1);
    const exporter = await waitFor('the exporter job to be scraped', async () => {
      const r = await query('up{job="portmatrix-exporter"}');
      return r.length > 0 ? r : undefined;
    });
    expect(exporter.map((s) => s.value[1])).toEqual(['1']);
    // The exporter's own counter appears at its first scrape after a probe.
    const probes = await waitFor('the exporter to count probes', async () => {
      const r = await query('sum(portmatrix_exporter_probes_total{job="portmatrix-exporter"})');
      return r.length > 0 ? Number(r[0]!.value[1]) : undefined;
    });
    expect(probes).toBeGreaterThan(0);
  });

  it('a row flips when its listener stops, and Prometheus keeps both', async () => {
    await listeners[1]!.close();
    const rows = await waitFor('the flip row to fail', async () => {
      const r = await rowValues('portmatrix_row_pass{job="portmatrix",instance="127.0.0.1"}');
      return r?.flip === '0' ? r : undefined;
    });
    expect(rows).toEqual({ up: '1', down: '0', flip: '0' });
    const verdict = await query('portmatrix_row_verdict{row="flip"} == 1');
    expect(verdict.map((s) => s.metric.verdict)).toEqual(['fail']);
    const seen = await query(
      'min_over_time(portmatrix_row_pass{row="flip"}[5m]) + max_over_time(portmatrix_row_pass{row="flip"}[5m])',
    );
    expect(seen.map((s) => s.value[1])).toEqual(['1']);
  });

  it('the shipped alerts load and the failing row is pending', async () => {
    const alerts = await waitFor('PortmatrixRowFailing to be pending', async () => {
      const res = (await (await fetch(`${api}/api/v1/alerts`)).json()) as {
        data: { alerts: Array<{ labels: Record<string, string>; state: string }> };
      };
      const found = res.data.alerts.filter((a) => a.labels.alertname === 'PortmatrixRowFailing');
      return found.some((a) => a.labels.row === 'down') ? found : undefined;
    });
    expect(alerts.find((a) => a.labels.row === 'down')?.state).toBe('pending');
    expect(alerts.some((a) => a.labels.row === 'up')).toBe(false);
  });

  it('every query of the Grafana dashboard is valid PromQL that Prometheus answers', async () => {
    const dash = JSON.parse(readFileSync(path.join(ROOT, 'docs', 'prometheus', 'grafana-dashboard.json'), 'utf8'));
    const exprs: string[] = dash.panels.flatMap((p: { targets: Array<{ expr: string }> }) =>
      p.targets.map((t) => t.expr),
    );
    expect(exprs.length).toBeGreaterThanOrEqual(6);
    for (const expr of exprs) {
      const promql = expr.replaceAll('$job', '.*').replaceAll('$instance', '.*');
      await expect(query(promql), promql).resolves.toBeInstanceOf(Array);
    }
    const notOpen = await query(exprs[2]!.replaceAll('$job', '.*').replaceAll('$instance', '.*'));
    expect(notOpen.map((s) => s.metric.row).sort()).toEqual(['down', 'flip']);
  });
});

describe.skipIf(!!why)('the shipped alerting rules', () => {
  it('promtool check rules accepts docs/prometheus/alerts.yml', () => {
    const res = spawnSync('promtool', ['check', 'rules', ALERTS], { encoding: 'utf8' });
    expect([res.status, res.stdout.trim().split('\n').at(-1)?.trim()]).toEqual([0, 'SUCCESS: 4 rules found']);
  });

  it('promtool test rules: each alert fires after its delay and not before', () => {
    const res = spawnSync('promtool', ['test', 'rules', 'alerts.test.yml'], {
      cwd: path.join(ROOT, 'test', 'serve'),
      encoding: 'utf8',
    });
    expect([res.status, res.stdout + res.stderr]).toEqual([0, expect.stringContaining('SUCCESS')]);
  });
});
