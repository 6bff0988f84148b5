import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { LimitFunction } from 'p-limit';

/** The exporter's own metrics (GET /metrics): the process, Node, and what the exporter did. */
export interface ExporterMetrics {
  registry: Registry;
  probes: Counter<'result'>;
  probeErrors: Counter;
  cacheHits: Counter;
  requests: Counter<'path' | 'code'>;
  inFlight: Gauge;
}

/**
 * A registry of its own per exporter, so two exporters in one process (tests) do not share counters.
 * `limit` is the probe limiter shared by all requests: its busy and queued slots are read at each scrape.
 */
export function createExporterMetrics(limit: LimitFunction): ExporterMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  new Gauge({
    name: 'portmatrix_exporter_probe_slots_busy',
    help: 'probes (sockets) in flight now, all requests together (at most --concurrency)',
    registers,
    collect() {
      this.set(limit.activeCount);
    },
  });
  new Gauge({
    name: 'portmatrix_exporter_probe_slots_queued',
    help: 'probes waiting for a slot (the --concurrency bound is saturated)',
    registers,
    collect() {
      this.set(limit.pendingCount);
    },
  });
  return {
    registry,
    probes: new Counter({
      name: 'portmatrix_exporter_probes_total',
      help: 'probes run (not answered from the cache), by result: success (every row passed) or failure',
      labelNames: ['result'],
      registers,
    }),
    probeErrors: new Counter({
      name: 'portmatrix_exporter_probe_errors_total',
      help: 'probes that could not run at all (answered 500)',
      registers,
    }),
    cacheHits: new Counter({
      name: 'portmatrix_exporter_cache_hits_total',
      help: '/probe requests answered from the last result (within --min-interval)',
      registers,
    }),
    requests: new Counter({
      name: 'portmatrix_exporter_requests_total',
      help: 'HTTP requests by path and status code',
      labelNames: ['path', 'code'],
      registers,
    }),
    inFlight: new Gauge({
      name: 'portmatrix_exporter_probes_in_flight',
      help: '/probe runs in flight (each may wait for probe slots)',
      registers,
    }),
  };
}
