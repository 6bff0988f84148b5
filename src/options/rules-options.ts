import { choice, flag, optionalText, peerHosts, stringList, type DirectionChoice } from './fields.js';
import { normalizeSelection, type RawOptions, type TableContext } from './selection.js';
import { DIALECT_NAMES } from '../rules/dialects.js';
import type { OnlySelection } from '../plan/types.js';

/** `rules`: what to consolidate, for which firewall, with which addresses. */
export interface RulesInput {
  reportFile?: string;
  dialect: string;
  /** With a report: every result, not only those that did not pass. */
  all: boolean;
  apps: string[];
  direction: DirectionChoice;
  only?: OnlySelection;
  server: string[];
  peers: Map<string, string[]>;
  format: 'text' | 'json';
  output?: string;
}

// "10.0.0.1,10.0.0.2" in one value, or the option repeated.
function commaList(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** `rules` options, checked and with defaults; throws OptionError. */
export function normalizeRules(raw: RawOptions, table?: TableContext): RulesInput {
  const selection = normalizeSelection(raw, table, 'both');
  const peers = new Map([...peerHosts(raw.peers)].map(([role, v]) => [role, commaList(v)]));
  return {
    reportFile: optionalText('report', raw.report),
    dialect: choice('dialect', raw.dialect, DIALECT_NAMES, DIALECT_NAMES[0]!),
    all: !flag('failedOnly', raw.failedOnly, true),
    apps: selection.apps,
    direction: selection.direction,
    only: selection.only,
    server: commaList(stringList('server', raw.server)),
    peers,
    format: choice('format', raw.format, ['text', 'json'] as const, 'text'),
    output: optionalText('output', raw.output),
  };
}
