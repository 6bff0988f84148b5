import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { countingListener, isolatedLoopback } from '../helpers/sockets.js';

const NO_PEER_HOST = "outbound rows go only to the peer ROLE=HOST hosts given, and no selected row's role has one";

describe('a check that selects no probe at all is a usage error, never a green run (exit 2)', () => {
  it.each([
    [['127.0.0.1', '--only', '12345'], 'portmatrix: --only 12345: no port of the selected rows is in it'],
    [['127.0.0.1', '--app', 'nosuchapp'], 'portmatrix: --app nosuchapp: no selected row matches'],
    [
      ['--direction', 'outbound', '--peer', 'devices=127.0.0.2'],
      'portmatrix: --peer devices=127.0.0.2: no outbound row of the table goes to this role; ' +
        'expected one of aaa, device, mail, mars, server, tms, trap-receiver',
    ],
    [
      ['--direction', 'outbound', '--peer', 'aaa=127.0.0.2', '--peer', 'mial=127.0.0.3'],
      'portmatrix: --peer mial=127.0.0.3: no outbound row of the table goes to this role',
    ],
    [
      ['127.0.0.1', '--peer', 'aaa=127.0.0.2'],
      'portmatrix: --peer aaa=127.0.0.2: only outbound rows go to peers, and direction inbound selects none',
    ],
    [['127.0.0.1', '--direction', 'outbound'], `portmatrix: --peer: ${NO_PEER_HOST} (aaa, device, mail, mars, server`],
    [
      ['--direction', 'outbound', '--peer', 'aaa=127.0.0.2', '--only', '22'],
      `portmatrix: --peer: ${NO_PEER_HOST} (device); ` +
        'expected direction outbound with a peer host per role, run on the server',
    ],
  ])('check %j', async (args, message) => {
    const r = await runCli(['check', '--strict', ...args]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});

describe('a matrix that would probe nothing is exit 2 before any agent is asked', () => {
  let agent: Awaited<ReturnType<typeof countingListener>>;
  const host = isolatedLoopback(); // no other test's probe reaches it
  const dir = tempDir();
  const tokenFile = path.join(dir, 'token');
  beforeAll(async () => {
    agent = await countingListener(0, host); // where the agents' control port would be: it must see no connection
    writeFileSync(tokenFile, `${'cd'.repeat(32)}\n`, { mode: 0o600 });
  });
  afterAll(() => agent.close());

  it.each([
    [['--peer', 'devices=127.0.0.2', '--direction', 'outbound'], '--peer devices=127.0.0.2: no row of direction'],
    [['--direction', 'outbound'], '--peer: outbound rows need a peer ROLE=HOST whose agent listens for them'],
    [['--peer', 'aaa=127.0.0.2', '--direction', 'inbound'], '--peer aaa=127.0.0.2: no row of direction inbound'],
    [['--app', 'nosuchapp'], '--app nosuchapp: no selected row matches'],
    [['--only', '12345'], '--only 12345: no port of the selected rows is in it'],
    [
      ['--peer', 'aaa=127.0.0.2', '--direction', 'outbound', '--only', '22'],
      '--peer: no selected row has an agent to check it: outbound rows need a peer ROLE=HOST of their role (device)',
    ],
  ])('matrix %j', async (args, message) => {
    const base = ['--server', host, '--client', host, '--control', String(agent.port)];
    const r = await runCli(['matrix', ...base, '--token-file', tokenFile, '--strict', ...args]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain(`portmatrix: ${message}`);
    expect(agent.accepted()).toBe(0);
  });
});
