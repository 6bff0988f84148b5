import { Gauge, Registry } from 'prom-client';
import type { Report, ResultEntry, RowResult } from '../model/report.js';

const ROW_LABELS = ['row', 'service', 'application', 'direction', 'host'] as const;
const PORT_LABELS = ['row', 'port', 'protocol', 'direction', 'host'] as const;

// A gauge registered only in this answer's registry.
function gauge<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[] = []) {
  return new Gauge<L>({ name, help, labelNames, registers: [registry] });
}

// The labels naming a row of the report.
function rowLabels(r: RowResult) {
  return { row: r.id, service: r.service, application: r.application, direction: r.direction, host: r.host };
}

// The labels naming a port of a row.
function portLabels(r: ResultEntry) {
  return { row: r.id, port: String(r.port), protocol: r.protocol, direction: r.direction, host: r.host };
}

/** True when every selected row passed and none was skipped. */
export function probeSucceeded(report: Report): boolean {
  return (
    report.rows.length > 0 && (report.skipped ?? []).length === 0 && report.rows.every((r) => r.verdict === 'pass')
  );
}

// Row metrics: pass 0/1 and the verdict seen.
function addRows(registry: Registry, report: Report): void {
  const pass = gauge(registry, 'portmatrix_row_pass', '1 when the row passed, 0 when it failed or is unknown', [
    ...ROW_LABELS,
  ]);
  const verdict = gauge(registry, 'portmatrix_row_verdict', '1 for the verdict seen (pass, fail, unknown)', [
    'row',
    'direction',
    'host',
    'verdict',
  ]);
  for (const r of report.rows) {
    pass.set(rowLabels(r), r.verdict === 'pass' ? 1 : 0);
    verdict.set({ row: r.id, direction: r.direction, host: r.host, verdict: r.verdict }, 1);
  }
}

// Port metrics: the state seen, and the round trip where something answered.
function addPorts(registry: Registry, report: Report): void {
  const state = gauge(registry, 'portmatrix_port_state', '1 for the state seen (open, closed, filtered, ...)', [
    ...PORT_LABELS,
    'state',
  ]);
  const latency = gauge(
    registry,
    'portmatrix_port_latency_seconds',
    'round trip of the answer (open or closed ports only: silence has no latency)',
    [...PORT_LABELS],
  );
  for (const r of report.results) {
    state.set({ ...portLabels(r), state: r.state }, 1);
    if (r.state === 'open' || r.state === 'closed') latency.set(portLabels(r), r.latencyMs / 1000);
  }
}

/** The Prometheus text exposition of one probe's report (a registry of its own: nothing leaks between answers). */
export async function probeExposition(report: Report): Promise<{ text: string; contentType: string }> {
  const registry = new Registry();
  gauge(registry, 'probe_success', '1 when every selected row passed').set(probeSucceeded(report) ? 1 : 0);
  gauge(registry, 'probe_duration_seconds', 'how long the probe took').set(report.durationMs / 1000);
  gauge(registry, 'portmatrix_probe_timestamp_seconds', 'when the probe started (cached answers repeat it)').set(
    Date.parse(report.startedAt) / 1000,
  );
  gauge(registry, 'portmatrix_rows_skipped', 'selected rows not probed (no host for their peer role)').set(
    (report.skipped ?? []).length,
  );
  addRows(registry, report);
  addPorts(registry, report);
  return { text: await registry.metrics(), contentType: registry.contentType };
}
