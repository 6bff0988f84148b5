import { describe, expect, it } from 'vitest';
import { scrapeTimeoutWarning, worstCaseMs } from '../../src/serve/scrape-timeout.js';

describe('scrape timeout', () => {
  it.each([
    [{ timeoutMs: 2000, retries: 1, adaptive: true }, 4000],
    [{ timeoutMs: 2000, retries: 0, adaptive: true }, 4000],
    [{ timeoutMs: 2000, retries: 0, adaptive: false }, 2000],
    [{ timeoutMs: 1000, retries: 3, adaptive: false }, 4000],
  ])('worst case of %j is %i ms', (s, ms) => {
    expect(worstCaseMs(s)).toBe(ms);
  });

  it.each([
    [undefined, undefined],
    ['', undefined],
    ['abc', undefined],
    ['10', undefined],
    ['4.5', undefined],
    [
      '4',
      "Prometheus' scrape_timeout (4 s) is not longer than a silent port's worst case (4 s: --timeout 2000 ms per " +
        'attempt); raise scrape_timeout or lower --timeout/--retries',
    ],
    [
      '1',
      "Prometheus' scrape_timeout (1 s) is not longer than a silent port's worst case (4 s: --timeout 2000 ms per " +
        'attempt); raise scrape_timeout or lower --timeout/--retries',
    ],
  ])('header %j with the defaults: %s', (header, warning) => {
    expect(scrapeTimeoutWarning(header, { timeoutMs: 2000, retries: 1, adaptive: true })).toBe(warning);
  });
});
