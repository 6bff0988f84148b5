import { expandPorts } from '../table/port-spec.js';
import { rowHasDirection } from '../table/filter-rows.js';
import { OptionError } from '../options/option-error.js';
import { probeKey } from '../model/keys.js';
import type { Direction, PortRow } from '../table/types.js';
import type { Expectation, OnlySelection, Plan, PlanInput, ProbeSpec } from './types.js';

export type { OnlySelection } from './types.js';

/** The role of the far end of an outbound row ("peer" when the table names none). */
export function peerRole(row: PortRow): string {
  return row.peer ?? 'peer';
}

const FROM_SERVER = '(outbound rows are sent from the server: run check --direction outbound there)';

// Hosts a row is probed on in one direction.
function targetsOf(row: PortRow, direction: Direction, input: PlanInput): string[] {
  if (direction === 'outbound') return input.peers.get(peerRole(row)) ?? (input.outboundToPeersOnly ? [] : input.hosts);
  return input.hosts;
}

/** The table ports of a row that `--only` keeps: all of them when it names the row's id. */
export function selectedPorts(row: PortRow, only?: OnlySelection): number[] {
  const ports = expandPorts(row.ports);
  return only && !only.has(row.id) ? ports.filter((p) => only.has(p)) : ports;
}

/** Throws an input error when the offset pushes a selected port outside 1-65535. */
export function checkPortOffset(rows: PortRow[], offset: number, only?: OnlySelection): void {
  for (const row of rows) {
    for (const port of selectedPorts(row, only)) {
      const probed = port + offset;
      if (probed < 1 || probed > 65535) {
        throw new OptionError(
          'portOffset',
          offset,
          `port ${port} of row "${row.id}" would become ${probed}; ` +
            'expected an offset that keeps every selected port within 1-65535',
        );
      }
    }
  }
}

// True when the row is probed in this direction (check --as leaves out inbound rows from other roles).
function planned(row: PortRow, direction: Direction, input: PlanInput): boolean {
  if (!rowHasDirection(row, direction)) return false;
  return direction !== 'inbound' || input.inboundFrom === undefined || row.from === input.inboundFrom;
}

// check --rerun: a row none of whose hosts the rerun keeps is not probed (nor is its offset checked).
function kept(row: PortRow, direction: Direction, input: PlanInput): boolean {
  const keep = input.keep;
  return !keep || targetsOf(row, direction, input).some((host) => keep(row.id, direction, host));
}

/**
 * Expands rows × directions × hosts × ports into probes, one probe per
 * (host, protocol, probed port) however many rows need it.
 */
export function buildPlan(input: PlanInput): Plan {
  checkPortOffset(
    input.rows.filter((r) => input.directions.some((d) => planned(r, d, input) && kept(r, d, input))),
    input.portOffset,
    input.only,
  );
  const probes = new Map<string, ProbeSpec>();
  const expectations: Expectation[] = [];
  const skipped: Plan['skipped'] = [];
  for (const row of input.rows) {
    for (const direction of input.directions) {
      if (!planned(row, direction, input)) continue;
      const ports = selectedPorts(row, input.only);
      if (ports.length === 0) continue;
      const hosts = targetsOf(row, direction, input);
      if (hosts.length === 0) {
        skipped.push({
          id: row.id,
          direction,
          reason: input.outboundToPeersOnly
            ? `no host for peer role "${peerRole(row)}": give --peer ${peerRole(row)}=HOST ${FROM_SERVER}`
            : `no host for peer role "${peerRole(row)}": give HOST or --peer ${peerRole(row)}=HOST`,
        });
        continue;
      }
      for (const host of hosts) {
        if (input.keep && !input.keep(row.id, direction, host)) continue;
        for (const port of ports) {
          const probedPort = port + input.portOffset;
          const key = probeKey(host, row.protocol, probedPort);
          if (!probes.has(key)) probes.set(key, { key, host, protocol: row.protocol, port, probedPort });
          expectations.push({ row, host, direction, port, probeKey: key });
        }
      }
    }
  }
  return { probes: [...probes.values()], expectations, skipped };
}
