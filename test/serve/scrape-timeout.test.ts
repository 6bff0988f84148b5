import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../helpers/cli.js';
import { closedPort } from '../helpers/sockets.js';
import { startServe, type Served } from '../helpers/serve.js';
import { scrapeTimeoutWarning, worstCase } from '../../src/serve/scrape-timeout.js';

const DEFAULTS = { timeoutMs: 2000, rateLimitBudgetMs: 45000 };
const LOSS = '10 attempts of --timeout 2000 ms on a path that loses packets';
const RATE =
  'then --rate-limit-budget 45 s and one more attempt for UDP ports of a host that rate-limits its ICMP errors';

describe('a query probe’s worst case', () => {
  it.each([
    [DEFAULTS, false, 20000],
    [DEFAULTS, true, 67000],
    [{ timeoutMs: 1000, rateLimitBudgetMs: 15000 }, true, 26000],
    // No budget: a rate-limiting host's silent UDP ports are not confirmed at all.
    [{ timeoutMs: 1000, rateLimitBudgetMs: 0 }, true, 10000],
  ])('%j, UDP %s: %i ms', (s, udp, ms) => {
    expect(worstCase(s, udp).ms).toBe(ms);
  });

  it.each([
    [undefined, true, undefined],
    ['', true, undefined],
    ['abc', true, undefined],
    ['-5', true, undefined],
    ['30', false, undefined],
    ['20.5', false, undefined],
    [
      '20',
      false,
      `Prometheus' scrape_timeout (20 s) is not longer than this query's worst case (20 s: ${LOSS}); ` +
        'a scrape cut short records no verdict: raise scrape_timeout, or lower --timeout',
    ],
    [
      '30',
      true,
      `Prometheus' scrape_timeout (30 s) is not longer than this query's worst case (67 s: ${LOSS}, ${RATE}); ` +
        'a scrape cut short records no verdict: raise scrape_timeout, or lower --timeout or --rate-limit-budget',
    ],
    ['67.5', true, undefined],
  ])('header %j, UDP %s, the defaults: %s', (header, udp, warning) => {
    expect(scrapeTimeoutWarning(header, DEFAULTS, udp)).toBe(warning);
  });
});

describe('serve warns once per worst case that the scrape_timeout Prometheus sends does not cover', () => {
  let served: Served;
  let ports: { tcp: number; udp: number };
  beforeAll(async () => {
    ports = { tcp: await closedPort('tcp'), udp: await closedPort('udp') };
    const row = (id: string, port: number, protocol: string) => ({
      id,
      service: id,
      application: 'App',
      ports: [port],
      protocol,
      inbound: true,
      outbound: false,
      from: 'client',
    });
    const table = writeTable({ product: 'scrape', rows: [row('t', ports.tcp, 'tcp'), row('u', ports.udp, 'udp')] });
    served = await startServe([
      '--ports',
      table,
      '--timeout',
      '300',
      '--rate-limit-budget',
      '2',
      '--min-interval',
      '0',
    ]);
  });
  afterAll(() => served?.stop());

  it('says what the worst case assumes, for TCP-only and UDP queries', async () => {
    // [query, scrape_timeout]: the second TCP query has the same worst case; the last two fit.
    for (const [query, seconds] of [
      [`only=${ports.tcp}`, '2'],
      [`only=${ports.tcp}&direction=inbound`, '2'],
      [`only=${ports.udp}`, '5'],
      [`only=${ports.tcp}`, '3.5'],
      [`only=${ports.udp}`, '6'],
    ]) {
      const res = await fetch(`${served.url}/probe?target=127.0.0.1&${query}`, {
        headers: { 'X-Prometheus-Scrape-Timeout-Seconds': seconds! },
      });
      expect(res.status).toBe(200);
    }
    const warnings = served
      .stderr()
      .split('\n')
      .filter((l) => l.includes('scrape_timeout'));
    const loss = '10 attempts of --timeout 300 ms on a path that loses packets';
    const said = (seconds: number) =>
      `portmatrix serve: Prometheus' scrape_timeout (${seconds} s) is not longer than this query's worst case`;
    expect(warnings).toEqual([
      `${said(2)} (3 s: ${loss}); a scrape cut short records no verdict: raise scrape_timeout, or lower --timeout`,
      `${said(5)} (5.3 s: ${loss}, ` +
        'then --rate-limit-budget 2 s and one more attempt for UDP ports of a host that rate-limits its ICMP ' +
        'errors); ' +
        'a scrape cut short records no verdict: raise scrape_timeout, or lower --timeout or --rate-limit-budget',
    ]);
  }, 30000);
});
