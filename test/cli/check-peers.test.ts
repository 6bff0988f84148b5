import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, writeTable } from '../helpers/cli.js';
import { reportSchemaErrors } from '../helpers/report-schema.js';
import { closedPort } from '../helpers/sockets.js';
import type { Report } from '../../src/model/report.js';

// An outbound row to the peer role `peer` on `port`.
const row = (id: string, port: number, peer: string) => ({
  id,
  service: id,
  application: 'App',
  ports: [port],
  protocol: 'tcp',
  inbound: false,
  outbound: true,
  peer,
});

const dir = tempDir('portmatrix-peers-');
let server: net.Server;
let table: string;

// Runs the CLI (check: with the test table) and reads the JSON report it wrote to `out`.
async function run(args: string[], out: string) {
  const file = path.join(dir, out);
  const ports = args[0] === 'check' ? ['--ports', table, '--quiet'] : [];
  const r = await runCli([...args, ...ports, '--format', 'json', '--output', file]);
  expect(r.stderr).toBe('');
  return { code: r.code, file, report: JSON.parse(readFileSync(file, 'utf8')) as Report };
}

beforeAll(async () => {
  server = net.createServer((s) => s.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const open = (server.address() as net.AddressInfo).port;
  const closed = await closedPort('tcp');
  table = writeTable({
    product: 'Peers test',
    rows: [row('auth', open, 'aaa'), row('smtp', closed, 'mail'), row('trap', closed, 'trap-receiver')],
  });
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('a check report records the --peer hosts', () => {
  it('settings.peers holds the hosts by role; --rerun and merge keep working with it', async () => {
    const check = ['check', '--direction', 'outbound', '--timeout', '500'];
    const first = await run(
      [...check, '--peer', 'AAA=127.0.0.1', '--peer', 'mail=127.0.0.2', '--peer', 'mail=127.0.0.3'],
      'first.json',
    );
    expect(first.code).toBe(1);
    expect(first.report.settings.peers).toEqual({ aaa: ['127.0.0.1'], mail: ['127.0.0.2', '127.0.0.3'] });
    expect(first.report.skipped?.map((s) => s.id)).toEqual(['trap']);
    expect(reportSchemaErrors(first.report)).toEqual([]);

    // The rerun probes only the failing mail rows, and records the hosts it sent them to.
    const again = await run(['check', '--rerun', first.file], 'again.json');
    expect(again.report.rows.map((r) => [r.id, r.host, r.verdict])).toEqual([
      ['smtp', '127.0.0.2', 'fail'],
      ['smtp', '127.0.0.3', 'fail'],
    ]);
    expect(again.report.settings.peers).toEqual({ mail: ['127.0.0.2', '127.0.0.3'] });

    // A report without settings.peers, as one made before they were recorded (--direction outbound needs a
    // --peer, and this table has no inbound row).
    const older = await run([...check, '--peer', 'aaa=127.0.0.1'], 'older.json');
    delete older.report.settings.peers;
    const olderFile = path.join(dir, 'older-without-peers.json');
    writeFileSync(olderFile, JSON.stringify(older.report));
    expect(reportSchemaErrors(older.report)).toEqual([]);

    const merged = await run(['merge', first.file, olderFile], 'merged.json');
    expect(merged.report.settings.reports).toEqual([
      expect.objectContaining({ file: first.file, peers: { aaa: ['127.0.0.1'], mail: ['127.0.0.2', '127.0.0.3'] } }),
      expect.not.objectContaining({ peers: expect.anything() }),
    ]);
    expect(reportSchemaErrors(merged.report)).toEqual([]);
  }, 60000);
});
