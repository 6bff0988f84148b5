import { describe, expect, it } from 'vitest';
import { checkRequest, listenRequest, seenRequest } from '../../src/agent/agent-requests.js';
import { normalizeCheck, normalizeListen } from '../../src/options/normalize-options.js';
import { OptionError } from '../../src/options/option-error.js';
import { TableError } from '../../src/errors.js';

const TABLE = {
  product: 'agent test',
  rows: [
    { id: 'web', service: 'S', application: 'A', ports: [443], protocol: 'tcp', inbound: true, outbound: false },
    { id: 'dns', service: 'D', application: 'A', ports: [53], protocol: 'udp', inbound: false, outbound: true },
  ],
};
const table = { rows: TABLE.rows.map((r) => ({ ...r, protocol: r.protocol as 'tcp' | 'udp' })) };

// What a call threw: an OptionError's field and message, or another error's class and message.
function thrown(f: () => unknown): { field?: string; message: string } | undefined {
  try {
    f();
    return undefined;
  } catch (err) {
    if (err instanceof OptionError) return { field: err.field, message: err.message };
    return { message: `${(err as Error).constructor.name}: ${(err as Error).message}` };
  }
}

describe('an agent request and a command line option give the same rule', () => {
  it.each([
    ['a direction', { direction: 'sideways' }, 'direction sideways: expected one of inbound, outbound, both'],
    ['a port offset', { portOffset: 70000 }, 'portOffset 70000: expected a whole number from -65534 to 65534'],
    ['an empty app', { apps: [' '] }, 'apps " ": expected a non-empty text'],
    ['retries', { retries: 11 }, 'retries 11: expected a whole number from 0 to 10'],
    ['a timeout', { timeoutMs: 0 }, 'timeoutMs 0: expected a whole number from 1 to 600000'],
    ['concurrency', { concurrency: 'lots' }, 'concurrency lots: expected a whole number from 1 to 65536'],
    ['a peer', { peers: ['dns'] }, 'peers dns: expected ROLE=HOST, e.g. aaa=acs01'],
    ['no host', { hosts: [] }, 'hosts: expected at least one host (or a peer ROLE=HOST for outbound rows)'],
    [
      'no host for inbound rows',
      { hosts: [], peers: { dns: ['h'] } },
      'hosts: expected at least one host for both rows',
    ],
  ])('check: %s', (_, bad, message) => {
    const raw = { hosts: ['127.0.0.1'], direction: 'both', ...bad };
    const agent = thrown(() => checkRequest({ table: TABLE, ...raw }));
    expect(agent?.message).toBe(message);
    expect(thrown(() => normalizeCheck(raw, table))).toEqual(agent);
  });

  it('--only: a word that is no row id of the table, and a port out of range', () => {
    for (const only of [['nosuch'], [70000]]) {
      const agent = thrown(() => checkRequest({ table: TABLE, hosts: ['h'], only }));
      expect(agent?.field).toBe('only');
      expect(thrown(() => normalizeCheck({ hosts: ['h'], only }, table))).toEqual(agent);
    }
  });

  it.each([
    ['an allow that is no address', { allow: ['10.0.0.0/33'] }, 'allow 10.0.0.0/33: expected an address or CIDR'],
    ['an unknown direction', { allow: ['127.0.0.1'], direction: 'up' }, 'direction up: expected one of'],
  ])('listen: %s', (_, bad, message) => {
    const agent = thrown(() => listenRequest({ table: TABLE, ...bad }));
    expect(agent?.message).toContain(message);
    expect(thrown(() => normalizeListen(bad, table))).toEqual(agent);
  });
});

describe("an agent request keeps the agent's own bounds", () => {
  const hosts = ['127.0.0.1'];
  it.each([
    ['65 hosts', () => checkRequest({ table: TABLE, hosts: Array(65).fill('h') }), 'hosts: expected at most 64 texts'],
    ['a host of 256 characters', () => checkRequest({ table: TABLE, hosts: ['h'.repeat(256)] }), 'hosts: expected'],
    [
      '65 peer roles',
      () =>
        checkRequest({
          table: TABLE,
          hosts,
          peers: Object.fromEntries([...Array(65)].map((_, i) => [`r${i}`, ['h']])),
        }),
      'peers: expected at most 64 roles',
    ],
    [
      '65 hosts of a role',
      () => checkRequest({ table: TABLE, hosts, peers: { dns: Array(65).fill('h') } }),
      'peers.dns',
    ],
    [
      '17 allowed sources',
      () => listenRequest({ table: TABLE, allow: Array(17).fill('127.0.0.1') }),
      'allow: expected',
    ],
    [
      'a responder for everyone',
      () => listenRequest({ table: TABLE }),
      "allow: an agent-started responder needs the prober's address",
    ],
    [
      'a bind name',
      () => listenRequest({ table: TABLE, allow: hosts, bind: 'localhost' }),
      'bind localhost: expected an address of this host',
    ],
    [
      'a responder for an hour and more',
      () => listenRequest({ table: TABLE, allow: hosts, duration: 3601 }),
      'duration 3601: expected a whole number from 1 to 3600',
    ],
    ['a nonce that is no nonce', () => seenRequest({ nonces: ['zz'] }), 'nonces: expected 32 hex digits each'],
  ])('%s', (_, f, message) => {
    expect(thrown(f)?.message).toContain(message);
  });

  it('validates the table exactly as a file, naming it "table"', () => {
    expect(thrown(() => checkRequest({ table: { product: 'x', rows: [{ id: 'a' }] }, hosts }))?.message).toMatch(
      /^TableError: table: row "a" \(#1\), field "service": /,
    );
    const deep = JSON.parse(`${'['.repeat(20000)}${']'.repeat(20000)}`);
    expect(thrown(() => checkRequest({ table: deep, hosts }))?.message).toMatch(/^TableError: table: /);
    expect(() => checkRequest({ table: TABLE, hosts })).not.toThrow(TableError);
  });

  it('a valid request: the selection as the command line gives it, the agent defaulting to both directions', () => {
    const req = checkRequest({ table: TABLE, hosts, only: ['WEB', 53], portOffset: 20000 });
    expect([req.direction, [...req.only!], req.portOffset, req.hosts, req.retries]).toEqual([
      'both',
      ['web', 53],
      20000,
      hosts,
      1,
    ]);
    expect(listenRequest({ table: TABLE, allow: ['127.0.0.1'] }).durationS).toBe(600);
  });
});
