import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Report } from '../../src/model/report.js';
import { ROOT } from './cli.js';

/** The report of a first run on a machine without the product: check 127.0.0.1 --direction both, every row failing. */
export function firstRunReport(): Report {
  return JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'first-run-report.json'), 'utf8')) as Report;
}

/** The same report as if `hosts` had been probed (a column per host and direction): the many-hosts layout. */
export function manyHostsReport(hosts: readonly string[]): Report {
  const base = firstRunReport();
  return {
    ...base,
    rows: hosts.flatMap((host) => base.rows.map((r) => ({ ...r, host }))),
    results: hosts.flatMap((host) => base.results.map((r) => ({ ...r, host }))),
  };
}
