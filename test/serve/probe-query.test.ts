import { describe, expect, it } from 'vitest';
import { parseProbeQuery } from '../../src/serve/probe-query.js';
import { parseTargets } from '../../src/serve/target-guard.js';
import { HttpError } from '../../src/serve/http-error.js';

const guard = parseTargets(['127.0.0.0/8', '::1', 'csm01']);
const parse = (qs: string) => parseProbeQuery(new URLSearchParams(qs), guard, ['https-aus', 'syslog']);

// The status and message a query is refused with.
function refusal(qs: string): string {
  try {
    parse(qs);
  } catch (err) {
    if (err instanceof HttpError) return `${err.status} ${err.message}`;
    throw err;
  }
  return 'accepted';
}

describe('parseProbeQuery', () => {
  it.each([
    ['', '400 missing parameter "target"'],
    ['target=', '400 missing parameter "target"'],
    ['target=127.0.0.1&foo=1', '400 unknown parameter "foo"; expected target, direction, only, app, peer'],
    ['target=127.0.0.1&target=127.0.0.2', '400 parameter "target" given more than once'],
    ['target=127.0.0.1&direction=up', '400 direction "up": expected inbound, outbound, both'],
    ['target=a b', '400 target "a b": expected a host name or an IP address'],
    ['target=10.0.0.1', '403 target "10.0.0.1" is not in --targets (127.0.0.0/8, ::1, csm01); nothing was probed'],
    ['target=csm02', '403 target "csm02" is not in --targets (127.0.0.0/8, ::1, csm01); nothing was probed'],
    [
      'target=127.0.0.1&only=99999',
      '400 only "99999": "99999" is not a port (1-65535), a range "from-to" or a row id of the table; ' +
        'expected e.g. 22,443,40050-40070',
    ],
    ['target=127.0.0.1&peer=aaa', '400 peer "aaa": expected ROLE=HOST, e.g. peer=aaa=127.0.0.2'],
    [
      'target=127.0.0.1&peer=aaa=192.168.1.1',
      '403 peer aaa "192.168.1.1" is not in --targets (127.0.0.0/8, ::1, csm01); nothing was probed',
    ],
    ['target=127.0.0.1&app=', '400 app: expected a non-empty application name'],
    ['target=127.0.0.1', 'accepted'],
    ['target=127.0.0.1&only=https-aus,514', 'accepted'],
    ['target=[::1]&direction=both', 'accepted'],
    ['target=CSM01.', 'accepted'],
    ['target=::ffff:127.0.0.9', 'accepted'],
  ])('%s -> %s', (qs, expected) => {
    expect(refusal(qs)).toBe(expected);
  });

  it('reads every parameter', () => {
    const q = parse('target=[::1]&direction=both&app=AUS&app=common&only=22,443&peer=aaa=127.0.0.2&peer=AAA=127.0.0.3');
    expect(q.target).toBe('::1');
    expect(q.direction).toBe('both');
    expect(q.apps).toEqual(['AUS', 'common']);
    expect([...(q.only ?? [])]).toEqual([22, 443]);
    expect([...q.peers]).toEqual([['aaa', ['127.0.0.2', '127.0.0.3']]]);
  });

  it.each([
    ['target=127.0.0.1&app=a&app=b', 'app=B&app=A&target=127.0.0.1', true],
    ['target=127.0.0.1', 'target=127.0.0.1&direction=inbound', true],
    ['target=127.0.0.1&only=22, 443', 'target=127.0.0.1&only=22,443', true],
    ['target=127.0.0.1', 'target=127.0.0.2', false],
    ['target=127.0.0.1', 'target=127.0.0.1&direction=both', false],
    ['target=127.0.0.1&peer=aaa=127.0.0.2', 'target=127.0.0.1&peer=aaa=127.0.0.3', false],
  ])('%s and %s share a cache key: %s', (a, b, same) => {
    expect(parse(a).key === parse(b).key).toBe(same);
  });
});
