import type { Report } from '../model/report.js';

/** The offset between probed and table ports (--port-offset), per row id, where they differ. */
export function probeOffsets(report: Report): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of report.results)
    if (r.probedPort !== undefined && r.probedPort !== r.port) out.set(r.id, r.probedPort - r.port);
  return out;
}

/** A port spec with each port or range followed by the one probed: "443→10443", "40050-40070→50050-50070". */
export function withProbed(ports: string, offset: number | undefined): string {
  if (!offset) return ports;
  return ports.replace(/(\d+)(?:-(\d+))?/g, (tok, from: string, to?: string) => {
    const shift = (p: string) => `${Number(p) + offset}`;
    return `${tok}→${shift(from)}${to ? `-${shift(to)}` : ''}`;
  });
}

/** One result's port, with the probed one where it differs: "tcp/443→10443". */
export function resultPort(r: { protocol: string; port: number; probedPort?: number }): string {
  return `${r.protocol}/${r.port}${r.probedPort !== undefined && r.probedPort !== r.port ? `→${r.probedPort}` : ''}`;
}
