import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, tempDir, writeTable } from '../helpers/cli.js';
import { has } from '../helpers/daemons.js';
import { parseExposition } from '../helpers/serve.js';
import { ADDR, TestNet, netnsUnavailable } from '../support/netns.mjs';

const why = netnsUnavailable();
if (why) console.warn(`SKIP serve through a real firewall: network namespaces unavailable (${why})`);
const noBrowser = has('chromium') ? '' : 'chromium not installed (.ci/run installs it)';
if (!why && noBrowser) console.warn(`SKIP serve pages in a browser: ${noBrowser}`);

// The exporter listens on the client namespace's own loopback: nothing outside the test's namespaces sees it.
const EXPORTER = 'http://127.0.0.1:9753';
const PORTS = { csm: 1741, https: 443, closed: 8888 };

const row = (id: string, port: number) => ({
  id,
  service: id,
  application: 'Security Manager',
  ports: [port],
  protocol: 'tcp',
  inbound: true,
  outbound: false,
});

// Runs a program inside a namespace and returns its stdout.
function inNs(ns: string, argv: string[], timeoutMs = 30000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', ns, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${argv[0]} exited ${code}: ${err}`));
    });
  });
}

describe.skipIf(!!why)('serve through a real firewall (nftables in network namespaces)', () => {
  const net = new TestNet();
  // GET inside the client namespace: status and body.
  const get = async (path: string) => {
    const code =
      `fetch(${JSON.stringify(EXPORTER + path)})` +
      '.then(async (r) => console.log(JSON.stringify([r.status, await r.text()])))';
    return JSON.parse(await inNs(net.client, [process.execPath, '-e', code])) as [number, string];
  };
  const rowPass = async () => {
    const [, body] = await get(`/probe?target=${ADDR.server4}`);
    const m = parseExposition(body);
    const pass = [...m].filter(([k]) => k.startsWith('portmatrix_row_pass'));
    const states = [...m].filter(([k, v]) => k.startsWith('portmatrix_port_state') && v === 1);
    return {
      pass: Object.fromEntries(pass.map(([k, v]) => [/row="(\w+)"/.exec(k)![1], v])),
      state: Object.fromEntries(states.map(([k]) => [/row="(\w+)"/.exec(k)![1], /state="([^"]+)"/.exec(k)![1]])),
    };
  };

  beforeAll(async () => {
    net.up();
    net.nft(
      net.server,
      `table inet pmx_serve {
  chain input { type filter hook input priority 0; policy accept;
    tcp dport ${PORTS.https} drop
  }
}
`,
    );
    await net.sockets(net.server, [PORTS.csm, PORTS.https], []);
    const table = writeTable({
      product: 'serve-firewall',
      rows: [row('csm', PORTS.csm), row('https', PORTS.https), row('closed', PORTS.closed)],
    });
    await net.start(
      net.client,
      [
        process.execPath,
        CLI,
        'serve',
        '--targets',
        '10.211.0.0/24',
        '--ports',
        table,
        '--timeout',
        '700',
        '--min-interval',
        '0',
      ],
      /listening on/,
      20000,
    );
  });
  afterAll(() => net.down());

  it('reports open, filtered (dropped) and closed ports as the firewall makes them', async () => {
    expect(await rowPass()).toEqual({
      pass: { csm: 1, https: 0, closed: 0 },
      state: { csm: 'open', https: 'filtered', closed: 'closed' },
    });
  });

  it('a firewall change that closes 1741 shows at the next scrape', async () => {
    net.nft(net.server, `add rule inet pmx_serve input tcp dport ${PORTS.csm} reject with tcp reset`);
    expect(await rowPass()).toEqual({
      pass: { csm: 0, https: 0, closed: 0 },
      state: { csm: 'closed', https: 'filtered', closed: 'closed' },
    });
  });

  it('a target outside --targets gets 403', async () => {
    expect(await get('/probe?target=127.0.0.1')).toEqual([
      403,
      'target "127.0.0.1" is not in --targets (10.211.0.0/24); nothing was probed\n',
    ]);
  });

  it.skipIf(!!noBrowser)('a person sees the recent probes in a browser, linked to their reports', async () => {
    const profile = tempDir('pmx-chromium-');
    const browse = (url: string) =>
      inNs(
        net.client,
        [
          'chromium',
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          `--user-data-dir=${profile}`,
          '--dump-dom',
          url,
        ],
        90000,
      ).finally(() => rmSync(profile, { recursive: true, force: true }));
    const index = await browse(`${EXPORTER}/`);
    expect(index).toContain('<h1>portmatrix exporter</h1>');
    expect(index).toContain(`<td>${ADDR.server4}</td>`);
    const last = /href="report\/(\d+)\.html"/.exec(index)?.[1];
    const [status, report] = await get(`/report/${last}.html`);
    expect(status).toBe(200);
    expect(report).toContain('class="fail"');
    expect(report).toContain('1741');
  });
});
