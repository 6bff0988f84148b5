import { describe, expect, it } from 'vitest';
import {
  normalizeAgent,
  normalizeAudit,
  normalizeCheck,
  normalizeListen,
  normalizeMatrix,
} from '../../src/options/normalize-options.js';
import { OptionError } from '../../src/options/option-error.js';

const check = { hosts: ['127.0.0.1'] };
// A token strong enough for the 128-bit minimum.
const TOKEN = 'f'.repeat(40);

// The OptionError a normalizer throws, as { field, message }.
function failure(fn: () => unknown): { field: string; message: string } | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof OptionError) return { field: err.field, message: err.message };
    throw err;
  }
  return undefined;
}

describe('normalizeCheck: bounds, defaults and typed errors that name fields, never flags', () => {
  it('defaults', () => {
    expect(normalizeCheck(check)).toMatchObject({
      direction: 'inbound',
      concurrency: 128,
      timeoutMs: 2000,
      retries: 1,
      portOffset: 0,
      adaptive: true,
      strict: false,
      apps: [],
      only: undefined,
    });
  });

  it.each([
    [{ concurrency: 0 }, 'concurrency', 'concurrency 0: expected a whole number from 1 to 65536'],
    [{ concurrency: 65537 }, 'concurrency', 'concurrency 65537: expected a whole number from 1 to 65536'],
    [{ timeoutMs: 'abc' }, 'timeoutMs', 'timeoutMs abc: expected a whole number from 1 to 600000'],
    [{ timeoutMs: 1.5 }, 'timeoutMs', 'timeoutMs 1.5: expected a whole number from 1 to 600000'],
    [{ retries: 11 }, 'retries', 'retries 11: expected a whole number from 0 to 10'],
    [{ portOffset: -65535 }, 'portOffset', 'portOffset -65535: expected a whole number from -65534 to 65534'],
    [{ direction: 'sideways' }, 'direction', 'direction sideways: expected one of inbound, outbound, both'],
    [{ only: '80-70' }, 'only', 'only 80-70: range "80-70" is reversed (from must be <= to); expected e.g. 22,443'],
    [{ peers: ['aaa'] }, 'peers', 'peers aaa: expected ROLE=HOST, e.g. aaa=acs01'],
    [{ hosts: [] }, 'hosts', 'hosts: expected at least one host (or a peer ROLE=HOST for outbound rows)'],
    [{ hosts: [], peers: ['aaa=h'] }, 'hosts', 'hosts: expected at least one host for inbound rows'],
    [
      { peers: ['aaa=h'] },
      'peers',
      'peers aaa=h: only outbound rows go to peers, and direction inbound selects none; ' +
        'expected direction outbound (run on the server) or no peer',
    ],
  ])('%j -> %s', (over, field, message) => {
    const got = failure(() => normalizeCheck({ ...check, ...over }));
    expect(got).toEqual({ field, message });
    expect(message).not.toMatch(/--/);
  });

  it.each([
    [{ concurrency: '64' }, { concurrency: 64 }],
    [{ timeoutMs: 1 }, { timeoutMs: 1 }],
    [{ retries: 0 }, { retries: 0 }],
    [{ portOffset: -100 }, { portOffset: -100 }],
    [{ only: [443, 22] }, { only: new Set([443, 22]) }],
    [{ only: '22,40050-40052' }, { only: new Set([22, 40050, 40051, 40052]) }],
    [{ direction: 'outbound', peers: { AAA: ['acs01'] } }, { peers: new Map([['aaa', ['acs01']]]) }],
    [{ direction: 'both', peers: ['aaa=acs01', 'aaa=acs02'] }, { peers: new Map([['aaa', ['acs01', 'acs02']]]) }],
  ])('accepts %j', (over, expected) => {
    expect(normalizeCheck({ ...check, ...over })).toMatchObject(expected);
  });
});

describe('the other commands', () => {
  it.each([
    ['listen duration', () => normalizeListen({ duration: -1 }), 'duration', 'expected seconds from 0 to 604800'],
    ['listen allow', () => normalizeListen({ allow: ['10.0.0.0/33'] }), 'allow', 'expected an address or CIDR'],
    ['audit expect', () => normalizeAudit({ expect: 'maybe' }), 'expect', 'expected one of free, listening'],
    ['matrix server', () => normalizeMatrix({ token: TOKEN }), 'server', 'expected the server HOST'],
    ['matrix clients', () => normalizeMatrix({ token: TOKEN, server: 's' }), 'clients', 'inbound rows need'],
    ['matrix token', () => normalizeMatrix({ server: 's', clients: ['c'] }), 'token', 'a token is required'],
    [
      'matrix pin',
      () => normalizeMatrix({ token: TOKEN, server: 's', clients: ['c'], pins: ['x=zz'] }),
      'pins',
      'SHA256',
    ],
    ['agent port', () => normalizeAgent({ token: TOKEN, controlPort: 0 }), 'controlPort', 'from 1 to 65535'],
    ['agent duration', () => normalizeAgent({ token: TOKEN, duration: 604801 }), 'duration', 'from 0 to 604800'],
  ])('%s', (_, fn, field, message) => {
    const env = process.env.PORTMATRIX_TOKEN;
    delete process.env.PORTMATRIX_TOKEN;
    try {
      const got = failure(fn);
      expect(got?.field).toBe(field);
      expect(got?.message).toContain(message);
    } finally {
      if (env !== undefined) process.env.PORTMATRIX_TOKEN = env;
    }
  });

  it('listen takes fractions of a second; the agent its own default duration', () => {
    expect(normalizeListen({ duration: '0.3' }).duration).toBe(0.3);
    expect(normalizeListen({}).duration).toBe(600);
    expect(normalizeAgent({ token: TOKEN }).duration).toBe(3600);
  });
});
