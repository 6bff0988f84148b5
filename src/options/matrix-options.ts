import { OptionError } from './option-error.js';
import { flag, optionalText, peerHosts, stringList, wholeNumber } from './fields.js';
import { normalizeProbeSettings, requiredToken } from './probe-settings.js';
import { normalizeSelection, type RawOptions, type Selection, type TableContext } from './selection.js';
import { rolesIn } from '../table/filter-rows.js';
import { checkMatrixPeerRoles } from './peer-roles.js';

/** `matrix`: the hosts of the installation and their agents. */
export interface MatrixInput extends Selection {
  server: string;
  clients: string[];
  peers: Map<string, string[]>;
  token: string;
  controlPort: number;
  pins: Map<string, string>;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  strict: boolean;
}

// HOST=SHA256 (the fingerprint an agent prints) -> host -> fingerprint.
function pins(raw: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of stringList('pins', raw)) {
    const m = /^(.+)=((?:[0-9a-f]{2}:?){32})$/i.exec(v);
    if (!m) throw new OptionError('pins', v, 'expected HOST=SHA256 fingerprint (64 hex digits, colons allowed)');
    out.set(m[1]!, m[2]!);
  }
  return out;
}

/** `matrix` options, checked and with defaults; throws OptionError. */
export function normalizeMatrix(raw: RawOptions, table?: TableContext): MatrixInput {
  const selection = normalizeSelection(raw, table, 'both');
  const server = optionalText('server', raw.server);
  if (server === undefined) throw new OptionError('server', undefined, 'expected the server HOST');
  const clients = stringList('clients', raw.clients);
  const peers = peerHosts(raw.peers);
  checkMatrixPeerRoles(peers, selection.direction, table?.rows);
  const inboundRoles = new Set(rolesIn(table?.rows ?? [], 'inbound'));
  if (selection.direction !== 'outbound' && clients.length === 0 && ![...peers.keys()].some((r) => inboundRoles.has(r)))
    throw new OptionError(
      'clients',
      undefined,
      'inbound rows need at least one client HOST, or a peer ROLE=HOST for a role they come from',
    );
  const probing = normalizeProbeSettings(raw);
  return {
    ...selection,
    server,
    clients,
    peers,
    token: requiredToken(raw, 'the agents accept only signed requests'),
    controlPort: wholeNumber('controlPort', raw.controlPort),
    pins: pins(raw.pins),
    concurrency: probing.concurrency,
    timeoutMs: probing.timeoutMs,
    retries: probing.retries,
    strict: flag('strict', raw.strict, false),
  };
}
