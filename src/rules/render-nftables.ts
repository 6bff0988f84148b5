import { addressesOf, familiesOf, headerLines, portText, ruleComment, type Family } from './rule-text.js';
import type { MergedRule, RuleSet } from './rule-set.js';

// nft set names: letters, digits and "_".
const setName = (group: string, family: Family) => `pmx_${group.replace(/[^a-z0-9]/g, '_')}_${family}`;
const ADDR = { v4: 'ip', v6: 'ip6' } as const;
const TYPE = { v4: 'ipv4_addr', v6: 'ipv6_addr' } as const;

// One named set of a group's addresses (empty: to be filled in).
function setBlock(set: RuleSet, group: string, family: Family): string[] {
  const addresses = addressesOf(set, group, family);
  return [
    `\tset ${setName(group, family)} {`,
    `\t\ttype ${TYPE[family]}`,
    '\t\tflags interval',
    ...(addresses.length > 0 ? [`\t\telements = { ${addresses.join(', ')} }`] : []),
    '\t}',
  ];
}

// One rule per family: addresses by set, ports as one set.
function ruleLines(set: RuleSet, rule: MergedRule): string[] {
  const ports = rule.ports.map((p) => portText(p));
  const dport = ports.length === 1 ? ports[0] : `{ ${ports.join(', ')} }`;
  return [
    `\t\t# ${ruleComment(rule)}`,
    ...familiesOf(set, rule).map(
      (f) =>
        `\t\t${ADDR[f]} saddr @${setName(rule.source, f)} ${ADDR[f]} daddr @${setName(rule.destination, f)} ` +
        `${rule.protocol} dport ${dport} accept`,
    ),
  ];
}

/** An `nft -f` script: the groups as named sets and one chain "portmatrix" in table inet filter. */
export function renderNftables(set: RuleSet): string {
  const sets = new Map<string, string[]>();
  for (const rule of set.rules) {
    for (const f of familiesOf(set, rule)) {
      for (const g of [rule.source, rule.destination]) sets.set(setName(g, f), setBlock(set, g, f));
    }
  }
  return [
    '#!/usr/sbin/nft -f',
    ...headerLines(set).map((l) => `# ${l}`),
    'table inet filter {',
    ...[...sets.values()].flat(),
    '\tchain portmatrix {',
    ...set.rules.flatMap((r) => ruleLines(set, r)),
    '\t}',
    '}',
    '# Send traffic through the chain before your drop rules, e.g.:',
    '#   nft insert rule inet filter input jump portmatrix',
    '#   nft insert rule inet filter output jump portmatrix',
    '#   nft insert rule inet filter forward jump portmatrix',
    '',
  ].join('\n');
}
