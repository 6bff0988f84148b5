import type { IncomingMessage, ServerResponse } from 'node:http';
import pLimit from 'p-limit';
import { planCheck, probePlan } from '../commands/check.js';
import { checkPeerRoles } from '../options/peer-roles.js';
import { PortmatrixError } from '../errors.js';
import { rendererFor } from '../report/registry.js';
import { HttpError } from './http-error.js';
import { parseProbeQuery, type ProbeQuery } from './probe-query.js';
import { ProbeCache } from './probe-cache.js';
import { probeExposition, probeSucceeded } from './probe-metrics.js';
import { createExporterMetrics, type ExporterMetrics } from './exporter-metrics.js';
import { RecentProbes } from './recent-probes.js';
import { indexPage } from './index-page.js';
import { SCRAPE_TIMEOUT_HEADER, scrapeTimeoutWarning } from './scrape-timeout.js';
import type { TargetGuard } from './target-guard.js';
import type { PortTable } from '../table/types.js';

/** How the exporter probes: the check options that hold for every request. */
export interface ExporterOptions {
  table: PortTable;
  guard: TargetGuard;
  /** Probes in flight across all requests together. */
  concurrency: number;
  timeoutMs: number;
  retries: number;
  /** Milliseconds to keep confirming silent UDP ports of a host that rate-limits its ICMP errors. */
  rateLimitBudgetMs: number;
  token?: string;
  adaptive: boolean;
  portOffset: number;
  /** A (target, query) is probed at most once per interval; scrapes in between get the last answer. */
  minIntervalMs: number;
  /** Stop starting probes (first Ctrl-C); `abort` cuts the ones in flight (second). */
  stopSignal: AbortSignal;
  abortSignal: AbortSignal;
}

/** The exporter's request handler and its own metrics. */
export interface Exporter {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  metrics: ExporterMetrics;
}

type Answer = { status: number; contentType: string; body: string };

const TEXT = 'text/plain; charset=utf-8';

/** Builds the handler of GET /, /probe, /metrics and /report/ID.(html|json). */
export function createExporter(opts: ExporterOptions): Exporter {
  const limit = pLimit({ concurrency: opts.concurrency, rejectOnClear: true });
  const metrics = createExporterMetrics(limit);
  const cache = new ProbeCache<{ text: string; contentType: string }>(opts.minIntervalMs);
  const recent = new RecentProbes();
  const rowIds = opts.table.rows.map((r) => r.id);

  // Runs one probe through the check pipeline and records it; warns first when the scrape may time out.
  async function probe(query: ProbeQuery, search: string, scrapeTimeout: string | undefined) {
    metrics.inFlight.inc();
    try {
      const planned = planCheck(opts.table, {
        apps: query.apps,
        hosts: [query.target],
        peers: query.peers,
        direction: query.direction,
        only: query.only,
        portOffset: opts.portOffset,
      });
      checkScrapeTimeout(
        scrapeTimeout,
        planned.plan.probes.some((p) => p.protocol === 'udp'),
      );
      const report = await probePlan(planned, {
        concurrency: opts.concurrency,
        limit,
        timeoutMs: opts.timeoutMs,
        retries: opts.retries,
        rateLimitBudgetMs: opts.rateLimitBudgetMs,
        token: opts.token,
        adaptive: opts.adaptive,
        stopSignal: opts.stopSignal,
        signal: opts.abortSignal,
      });
      if (report.incomplete) throw new HttpError(503, 'the exporter is shutting down; the probe was cut short');
      if (report.rows.length === 0 && (report.skipped ?? []).length === 0) {
        throw new HttpError(400, 'the query selects no rows of the table (check app, only and direction)');
      }
      const success = probeSucceeded(report);
      metrics.probes.inc({ result: success ? 'success' : 'failure' });
      recent.add({ target: query.target, query: search.replace(/^\?/, ''), success, report });
      return await probeExposition(report);
    } finally {
      metrics.inFlight.dec();
    }
  }

  const warned = new Set<string>();
  // Says once per warning (scrape_timeout value, UDP or not) when Prometheus may give up before a probe ends.
  function checkScrapeTimeout(header: string | undefined, udp: boolean): void {
    const warning = scrapeTimeoutWarning(header, opts, udp);
    if (warning && !warned.has(warning)) {
      warned.add(warning);
      process.stderr.write(`portmatrix serve: ${warning}\n`);
    }
  }

  // GET /probe: validated, then from the cache or a fresh probe.
  async function probeAnswer(url: URL, scrapeTimeout?: string): Promise<Answer> {
    const query = parseProbeQuery(url.searchParams, opts.guard, rowIds);
    checkPeerRoles(query.peers, query.direction, opts.table.rows);
    const { value, cached } = await cache.get(query.key, () => probe(query, url.search, scrapeTimeout));
    if (cached) metrics.cacheHits.inc();
    return { status: 200, contentType: value.contentType, body: value.text };
  }

  // GET /report/ID.html|json: a recent probe's report.
  async function reportAnswer(path: string): Promise<Answer> {
    const m = /^\/report\/(\d+)\.(html|json)$/.exec(path);
    const found = m ? recent.get(Number(m[1])) : undefined;
    if (!m || !found) throw new HttpError(404, `no such report: ${path} (only the last 50 probes are kept)`);
    const body = (await rendererFor(m[2]!))!.render({ kind: 'report', report: found.report }, { color: false });
    return { status: 200, contentType: m[2] === 'html' ? 'text/html; charset=utf-8' : 'application/json', body };
  }

  // Routes a GET to its answer.
  async function route(url: URL, req: IncomingMessage): Promise<Answer> {
    if (url.pathname === '/probe') return probeAnswer(url, req.headers[SCRAPE_TIMEOUT_HEADER] as string | undefined);
    if (url.pathname === '/metrics') {
      return { status: 200, contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
    }
    if (url.pathname === '/') {
      return { status: 200, contentType: 'text/html; charset=utf-8', body: indexPage(recent.list(), guardText) };
    }
    if (url.pathname.startsWith('/report/')) return reportAnswer(url.pathname);
    throw new HttpError(404, `not found: ${url.pathname} (try /, /probe?target=HOST or /metrics)`);
  }

  // Turns any failure into a status and a one-line reason.
  function failure(err: unknown): Answer {
    if (err instanceof HttpError) return { status: err.status, contentType: TEXT, body: `${err.message}\n` };
    if (err instanceof PortmatrixError) return { status: 400, contentType: TEXT, body: `${err.message}\n` };
    metrics.probeErrors.inc();
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`portmatrix serve: probe failed: ${message}\n`);
    return { status: 500, contentType: TEXT, body: `probe failed: ${message}\n` };
  }

  const guardText = opts.guard.describe();
  return {
    metrics,
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://exporter.invalid');
      let answer: Answer;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        answer = { status: 405, contentType: TEXT, body: `method ${req.method} not allowed; use GET\n` };
      } else {
        answer = await route(url, req).catch(failure);
      }
      metrics.requests.inc({ path: pathLabel(url.pathname), code: String(answer.status) });
      res.writeHead(answer.status, { 'Content-Type': answer.contentType, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : answer.body);
    },
  };
}

// A bounded set of path labels for the request counter.
function pathLabel(path: string): string {
  if (['/', '/probe', '/metrics'].includes(path)) return path;
  return path.startsWith('/report/') ? '/report' : 'other';
}
