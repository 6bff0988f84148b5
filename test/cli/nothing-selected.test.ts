import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

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
