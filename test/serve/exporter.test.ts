import dgram from 'node:dgram';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, writeTable } from '../helpers/cli.js';
import { closedPort, countingListener, tcpListener } from '../helpers/sockets.js';
import { parseExposition, startServe, type Served } from '../helpers/serve.js';
import { startListen } from '../../src/commands/listen.js';
import { parseAllowList } from '../../src/responder/allow-list.js';
import { loadTable } from '../../src/table/load-table.js';
import type { Report } from '../../src/model/report.js';

// A UDP socket that receives and never answers: silence.
async function silentUdp() {
  const sock = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', resolve));
  return { port: sock.address().port, close: () => new Promise<void>((r) => sock.close(() => r())) };
}

const row = (id: string, port: number, protocol = 'tcp') => ({
  id,
  service: `S-${id}`,
  application: `App-${id}`,
  ports: [port],
  protocol,
  inbound: true,
  outbound: false,
  from: 'client',
});

// Polls the exporter's own metrics until `n` /probe runs are in flight; returns those metrics.
async function untilInFlight(url: string, n: number): Promise<Map<string, number>> {
  let own = new Map<string, number>();
  for (let i = 0; i < 100 && own.get('portmatrix_exporter_probes_in_flight') !== n; i++) {
    await sleep(50);
    own = parseExposition(await (await fetch(`${url}/metrics`)).text());
  }
  return own;
}

const get = async (url: string, init?: RequestInit) => {
  const res = await fetch(url, init);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
};

describe('portmatrix serve', () => {
  let served: Served;
  let up: Awaited<ReturnType<typeof countingListener>>;
  let silent: Awaited<ReturnType<typeof silentUdp>>;
  let down: number;
  let aaa: Awaited<ReturnType<typeof tcpListener>>;
  // The target listening on the aaa row's port too: an outbound probe sent to the target would be counted.
  let targetAaa: Awaited<ReturnType<typeof countingListener>>;

  beforeAll(async () => {
    up = await countingListener();
    silent = await silentUdp();
    down = await closedPort('tcp');
    aaa = await tcpListener('127.0.0.2');
    targetAaa = await countingListener(aaa.port);
    const outbound = { ...row('aaa', aaa.port), inbound: false, outbound: true, from: undefined, peer: 'aaa' };
    const table = writeTable({
      product: 'serve-test',
      rows: [row('up', up.port), row('down', down), row('silent', silent.port, 'udp'), outbound],
    });
    // --no-adaptive: one TCP attempt per probe, so connections count probes even on a loaded machine.
    const args = ['--ports', table, '--min-interval', '60', '--timeout', '1000', '--retries', '0', '--no-adaptive'];
    served = await startServe(args);
  });
  afterAll(async () => {
    await served?.stop();
    await up?.close();
    await silent?.close();
    await aaa?.close();
    await targetAaa?.close();
  });

  it('answers a probe with the rows, the ports and their states as metrics', async () => {
    const res = await get(`${served.url}/probe?target=127.0.0.1`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    const m = parseExposition(res.body);
    const labels = (id: string) => `row="${id}",service="S-${id}",application="App-${id}",direction="inbound"`;
    const port = (id: string, p: number, proto = 'tcp') => `row="${id}",port="${p}",protocol="${proto}"`;
    expect(m.get('probe_success')).toBe(0);
    expect(m.get(`portmatrix_row_pass{${labels('up')},host="127.0.0.1"}`)).toBe(1);
    expect(m.get(`portmatrix_row_pass{${labels('down')},host="127.0.0.1"}`)).toBe(0);
    expect(m.get(`portmatrix_row_pass{${labels('silent')},host="127.0.0.1"}`)).toBe(0);
    expect(m.get('portmatrix_row_verdict{row="silent",direction="inbound",host="127.0.0.1",verdict="unknown"}')).toBe(
      1,
    );
    expect(m.get('portmatrix_row_verdict{row="down",direction="inbound",host="127.0.0.1",verdict="fail"}')).toBe(1);
    const state = (id: string, p: number, proto: string, s: string) =>
      m.get(`portmatrix_port_state{${port(id, p, proto)},direction="inbound",host="127.0.0.1",state="${s}"}`);
    expect(state('up', up.port, 'tcp', 'open')).toBe(1);
    expect(state('down', down, 'tcp', 'closed')).toBe(1);
    expect(state('silent', silent.port, 'udp', 'open|filtered')).toBe(1);
    const latency = [...m.keys()].filter((k) => k.startsWith('portmatrix_port_latency_seconds'));
    expect(latency.map((k) => /row="(\w+)"/.exec(k)![1]).sort()).toEqual(['down', 'up']);
    expect(m.get('probe_duration_seconds')).toBeGreaterThan(0);
  });

  it('probe_success is 1 when every selected row passes', async () => {
    const m = parseExposition((await get(`${served.url}/probe?target=127.0.0.1&app=App-up`)).body);
    expect(m.get('probe_success')).toBe(1);
    expect([...m.keys()].filter((k) => k.startsWith('portmatrix_row_pass'))).toHaveLength(1);
  });

  it('outbound rows go to the peer=ROLE=HOST given, labelled with that host', async () => {
    const res = await get(`${served.url}/probe?target=127.0.0.1&direction=outbound&peer=aaa=127.0.0.2`);
    const m = parseExposition(res.body);
    expect(m.get('portmatrix_row_verdict{row="aaa",direction="outbound",host="127.0.0.2",verdict="pass"}')).toBe(1);
    expect(m.get('probe_success')).toBe(1);
  });

  it('outbound rows without a peer= host are skipped and counted, never sent to the target (as in check)', async () => {
    const res = await get(`${served.url}/probe?target=127.0.0.1&direction=both`);
    const m = parseExposition(res.body);
    expect([res.status, m.get('portmatrix_rows_skipped'), m.get('probe_success')]).toEqual([200, 1, 0]);
    expect([...m.keys()].filter((k) => k.includes('direction="outbound"'))).toEqual([]);
    expect(targetAaa.accepted()).toBe(0);
  });

  it('50 concurrent scrapes of the same target probe it once', async () => {
    // The listener lives in this process: let accepts of earlier probes be counted first.
    await sleep(300);
    const before = up.accepted();
    const runs = async () => {
      const own = parseExposition((await get(`${served.url}/metrics`)).body);
      return [...own].filter(([k]) => k.startsWith('portmatrix_exporter_probes_total')).reduce((a, [, v]) => a + v, 0);
    };
    const runsBefore = await runs();
    const url = `${served.url}/probe?target=127.0.0.1&only=${up.port}`;
    const answers = await Promise.all(Array.from({ length: 50 }, () => get(url)));
    await sleep(300);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(up.accepted() - before).toBe(1);
    expect((await runs()) - runsBefore).toBe(1);
    const own = parseExposition((await get(`${served.url}/metrics`)).body);
    expect(own.get('portmatrix_exporter_cache_hits_total')).toBe(49);
  });

  it.each([
    ['target=10.0.0.1', 403, 'target "10.0.0.1" is not in --targets (127.0.0.0/8, ::1, localhost); nothing was probed'],
    ['target=127.0.0.1&direction=sideways', 400, 'direction "sideways": expected inbound, outbound, both'],
    ['target=127.0.0.1&only=7', 400, 'only 7: no port of the selected rows is in it'],
    ['', 400, 'missing parameter "target"'],
    [
      'target=127.0.0.1&direction=outbound',
      400,
      "peers: outbound rows go only to the peer ROLE=HOST hosts given, and no selected row's role has one (aaa); " +
        'expected direction outbound with a peer host per role, run on the server',
    ],
    [
      'target=127.0.0.1&peer=aaa=127.0.0.2',
      400,
      'peers aaa=127.0.0.2: only outbound rows go to peers, and direction inbound selects none; ' +
        'expected direction outbound (run on the server) or no peer',
    ],
    [
      'target=127.0.0.1&direction=outbound&peer=aab=127.0.0.2',
      400,
      'peers aab=127.0.0.2: no outbound row of the table goes to this role; expected one of aaa',
    ],
  ])('/probe?%s -> %i', async (qs, status, message) => {
    const before = up.accepted();
    const res = await get(`${served.url}/probe?${qs}`);
    expect([res.status, res.type, res.body]).toEqual([status, 'text/plain; charset=utf-8', `${message}\n`]);
    expect([up.accepted(), targetAaa.accepted()]).toEqual([before, 0]);
  });

  it.each([
    ['/nowhere', 'GET', 404, 'not found: /nowhere (try /, /probe?target=HOST or /metrics)\n'],
    ['/report/999.json', 'GET', 404, 'no such report: /report/999.json (only the last 50 probes are kept)\n'],
    ['/probe?target=127.0.0.1', 'POST', 405, 'method POST not allowed; use GET\n'],
  ])('%s (%s) -> %i', async (path, method, status, body) => {
    const res = await get(`${served.url}${path}`, { method });
    expect([res.status, res.body]).toEqual([status, body]);
  });

  it("/metrics has the exporter's own metrics: process, Node, probes run", async () => {
    const own = parseExposition((await get(`${served.url}/metrics`)).body);
    expect(own.get('portmatrix_exporter_probes_total{result="failure"}')).toBeGreaterThanOrEqual(1);
    expect(own.get('portmatrix_exporter_probes_total{result="success"}')).toBeGreaterThanOrEqual(2);
    expect(own.get('portmatrix_exporter_probe_errors_total')).toBe(0);
    expect(own.get('portmatrix_exporter_requests_total{path="/probe",code="403"}')).toBe(1);
    expect([...own.keys()].some((k) => k.startsWith('process_cpu_seconds_total'))).toBe(true);
    expect([...own.keys()].some((k) => k.startsWith('nodejs_eventloop_lag_seconds'))).toBe(true);
  });

  it('/ lists the recent probes, each linking to its report as HTML and JSON', async () => {
    const page = await get(`${served.url}/`);
    expect(page.type).toBe('text/html; charset=utf-8');
    const ids = [...page.body.matchAll(/href="report\/(\d+)\.json"/g)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const json = await get(`${served.url}/report/${ids.at(-1)}.json`);
    const report = JSON.parse(json.body) as Report;
    expect([report.command, report.rows.map((r) => r.id).sort()]).toEqual(['check', ['down', 'silent', 'up']]);
    const html = await get(`${served.url}/report/${ids.at(-1)}.html`);
    expect(html.type).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('S-down');
  });
});

describe('portmatrix serve: verified answers (PORTMATRIX_TOKEN)', () => {
  const TOKEN = '6f1c0d2e9a7b4c3d8e5f60718293a4b5';

  it("a responder's answers pass verified; another program's open port does not pass", async () => {
    const other = await countingListener();
    const port = await closedPort('tcp');
    const file = writeTable({
      product: 'serve-token',
      rows: [row('responder', port), row('responder-udp', port, 'udp'), row('other', other.port)],
    });
    const responder = await startListen({
      table: loadTable(file),
      apps: ['App-responder'],
      direction: 'inbound',
      bind: '127.0.0.1',
      portOffset: 0,
      token: TOKEN,
      allow: parseAllowList([]),
    });
    // --no-adaptive: the responder runs in this (busy) test process; its answers may come late, not never.
    const served = await startServe(['--ports', file, '--timeout', '3000', '--no-adaptive'], {
      PORTMATRIX_TOKEN: TOKEN,
    });
    try {
      const m = parseExposition((await get(`${served.url}/probe?target=127.0.0.1`)).body);
      const verdicts = [...m.keys()]
        .filter((k) => k.startsWith('portmatrix_row_verdict'))
        .map((k) => `${/row="([\w-]+)"/.exec(k)![1]}=${/verdict="(\w+)"/.exec(k)![1]}`)
        .sort();
      expect(verdicts).toEqual(['other=fail', 'responder-udp=pass', 'responder=pass']);
      const otherState = [...m.keys()].find((k) => k.startsWith('portmatrix_port_state{row="other"'));
      expect(otherState).toContain('state="open"');
    } finally {
      await served.stop();
      await responder.close();
      await other.close();
    }
  });
});

describe('portmatrix serve: one concurrency bound for all requests', () => {
  it('--concurrency 1: three requests for three silent ports hold one slot, two wait', async () => {
    const sockets = [await silentUdp(), await silentUdp(), await silentUdp()];
    const file = writeTable({
      product: 'serve-bound',
      rows: sockets.map((s, i) => row(`silent${i}`, s.port, 'udp')),
    });
    const args = ['--ports', file, '--concurrency', '1', '--timeout', '1500', '--retries', '0', '--no-adaptive'];
    const served = await startServe(args);
    try {
      const pending = sockets.map((s) => get(`${served.url}/probe?target=127.0.0.1&only=${s.port}`));
      // Once the three requests are in, each probe holds its slot for 1.5 s of silence.
      const own = await untilInFlight(served.url, 3);
      expect([
        own.get('portmatrix_exporter_probes_in_flight'),
        own.get('portmatrix_exporter_probe_slots_busy'),
        own.get('portmatrix_exporter_probe_slots_queued'),
      ]).toEqual([3, 1, 2]);
      const answers = await Promise.all(pending);
      expect(answers.map((a) => [a.status, a.body.includes('state="open|filtered"} 1')])).toEqual([
        [200, true],
        [200, true],
        [200, true],
      ]);
    } finally {
      await served.stop();
      for (const s of sockets) await s.close();
    }
  });
});

describe('portmatrix serve: IPv6', () => {
  it('listens on [::1] and probes ::1', async () => {
    const listener = await tcpListener('::1');
    const file = writeTable({ product: 'serve-v6', rows: [row('v6', listener.port)] });
    const served = await startServe(['--ports', file, '--listen', '[::1]:0']);
    try {
      expect(served.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      const m = parseExposition((await get(`${served.url}/probe?target=::1`)).body);
      expect(m.get('probe_success')).toBe(1);
      const labels = `row="v6",port="${listener.port}",protocol="tcp",direction="inbound",host="::1"`;
      expect(m.get(`portmatrix_port_state{${labels},state="open"}`)).toBe(1);
    } finally {
      await served.stop();
      await listener.close();
    }
  });
});

describe('portmatrix serve: stopping', () => {
  it('SIGTERM during a probe: no new connections, the probe finishes and is answered, exit 0', async () => {
    const silent = await silentUdp();
    const table = writeTable({ product: 'serve-stop', rows: [row('silent', silent.port, 'udp')] });
    const served = await startServe(['--ports', table, '--timeout', '1500', '--retries', '0', '--no-adaptive']);
    try {
      const pending = get(`${served.url}/probe?target=127.0.0.1`);
      await untilInFlight(served.url, 1);
      const exit = served.stop('SIGTERM');
      const res = await pending;
      expect(res.status).toBe(200);
      expect(res.body).toContain('state="open|filtered"} 1');
      expect(await exit).toBe(0);
      expect(served.stderr()).toContain('portmatrix serve: stopped\n');
      await expect(fetch(`${served.url}/metrics`)).rejects.toThrow();
    } finally {
      await served.stop('SIGKILL');
      await silent.close();
    }
  });

  it('a second SIGTERM aborts the probe in flight: 503, exit 0', async () => {
    const silent = await silentUdp();
    const table = writeTable({ product: 'serve-abort', rows: [row('silent', silent.port, 'udp')] });
    const served = await startServe(['--ports', table, '--timeout', '5000', '--retries', '0', '--no-adaptive']);
    try {
      const pending = get(`${served.url}/probe?target=127.0.0.1`);
      await untilInFlight(served.url, 1);
      served.child.kill('SIGTERM');
      // The second signal must come after the first was handled (two pending signals may merge into one).
      for (let i = 0; i < 100 && !served.stderr().includes('stopping:'); i++) await sleep(50);
      const exit = served.stop('SIGTERM');
      expect(await pending).toEqual({
        status: 503,
        type: 'text/plain; charset=utf-8',
        body: 'the exporter is shutting down; the probe was cut short\n',
      });
      expect(await exit).toBe(0);
    } finally {
      await served.stop('SIGKILL');
      await silent.close();
    }
  });
});

describe.concurrent('portmatrix serve: usage', () => {
  it.each([
    [['--listen', 'csm01:9753'], 'portmatrix: --listen "csm01:9753": expected ADDRESS:PORT with an IP address'],
    [['--targets', '10.0.0.0/40'], 'portmatrix: --targets "10.0.0.0/40": expected an address or CIDR'],
    [['--min-interval', '-1'], 'portmatrix: --min-interval -1: expected seconds from 0 to 3600'],
    [['--concurrency', '0'], 'portmatrix: --concurrency 0: expected a whole number from 1 to 65536'],
    [['--app', 'no-such-app'], 'portmatrix: --app no-such-app: no row of the table matches'],
    [['extra'], 'portmatrix: unexpected argument extra'],
    [
      ['--listen', 'localhost:0'],
      'portmatrix: --listen "localhost:0": expected ADDRESS:PORT with an IP address, e.g. 127.0.0.1:9753 or ' +
        '[::1]:9753 (port 0: any free port) ("localhost" is a name; give its address)',
    ],
    [['--format', 'json'], 'portmatrix: unknown option --format'],
    [['--output', 'x.json'], 'portmatrix: unknown option --output'],
    [['--token-file', '/nonexistent/token'], 'portmatrix: --token-file "/nonexistent/token": cannot read it (ENOENT)'],
    [
      ['--snmp-community', 'a', '--snmp-community-file', '/nonexistent'],
      'portmatrix: --snmp-community and --snmp-community-file: expected one of them, not both',
    ],
  ])('serve %j exits 2 before listening', async (args, message) => {
    const res = await runCli(['serve', '--listen', '127.0.0.1:0', ...args], { timeoutMs: 15000 });
    expect(res.code).toBe(2);
    expect(res.stderr.split('\n')[0]).toContain(message);
    expect(res.stderr).not.toContain('listening on');
  });

  it('a port in use is reported with the address, exit 1', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    const res = await runCli(['serve', '--listen', `127.0.0.1:${port}`], { timeoutMs: 15000 });
    busy.close();
    expect([res.code, res.stderr]).toEqual([
      1,
      `portmatrix: --listen 127.0.0.1:${port}: cannot listen: the port is in use\n`,
    ]);
  });
});
