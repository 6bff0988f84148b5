import { renderAsa } from './render-asa.js';
import { renderIptables } from './render-iptables.js';
import { renderNftables } from './render-nftables.js';
import { renderWindows } from './render-windows.js';
import type { RuleSet } from './rule-set.js';

/** Every dialect `portmatrix rules` writes, by name. */
export const DIALECTS: Readonly<Record<string, (set: RuleSet) => string>> = {
  nftables: renderNftables,
  iptables: renderIptables,
  windows: renderWindows,
  asa: renderAsa,
};

/** The dialect names, for --dialect choices and messages. */
export const DIALECT_NAMES = Object.keys(DIALECTS);
