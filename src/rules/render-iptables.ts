import { addressesOf, familiesOf, headerLines, portText, ruleComment, type Family } from './rule-text.js';
import type { PortRange } from '../table/port-spec.js';
import type { MergedRule, RuleSet } from './rule-set.js';

const ipsetName = (group: string, family: Family) => `pmx-${group}-${family}`;
const CMD = { v4: 'iptables', v6: 'ip6tables' } as const;
const IPSET_FAMILY = { v4: 'inet', v6: 'inet6' } as const;
/** multiport takes at most 15 ports; a range counts as two. */
const MULTIPORT_SLOTS = 15;

// Splits ports into multiport-sized chunks.
function chunks(ports: readonly PortRange[]): PortRange[][] {
  const out: PortRange[][] = [[]];
  let used = 0;
  for (const p of ports) {
    const cost = p.from === p.to ? 1 : 2;
    if (used + cost > MULTIPORT_SLOTS) {
      out.push([]);
      used = 0;
    }
    out[out.length - 1]!.push(p);
    used += cost;
  }
  return out;
}

// The port match for one chunk.
function portMatch(ports: readonly PortRange[]): string {
  if (ports.length === 1) return `--dport ${portText(ports[0]!, ':')}`;
  return `-m multiport --dports ${ports.map((p) => portText(p, ':')).join(',')}`;
}

// An ipset per group and family, filled with what is known.
function ipsetLines(set: RuleSet, group: string, family: Family): string[] {
  const name = ipsetName(group, family);
  return [
    `ipset create ${name} hash:net family ${IPSET_FAMILY[family]} -exist`,
    ...addressesOf(set, group, family).map((a) => `ipset add ${name} ${a} -exist`),
  ];
}

// The iptables lines of one merged rule.
function ruleLines(set: RuleSet, rule: MergedRule): string[] {
  const comment = ruleComment(rule).slice(0, 250).replace(/"/g, '');
  return [
    `# ${ruleComment(rule)}`,
    ...familiesOf(set, rule).flatMap((f) =>
      chunks(rule.ports).map((ports) =>
        [
          `${CMD[f]} -A PORTMATRIX -p ${rule.protocol}`,
          `-m set --match-set ${ipsetName(rule.source, f)} src`,
          `-m set --match-set ${ipsetName(rule.destination, f)} dst`,
          `${portMatch(ports)} -m comment --comment "${comment}" -j ACCEPT`,
        ].join(' '),
      ),
    ),
  ];
}

/** A shell script: ipsets per group, a PORTMATRIX chain per family, one rule per merged rule. */
export function renderIptables(set: RuleSet): string {
  const ipsets = new Map<string, string[]>();
  const families = new Set<Family>();
  for (const rule of set.rules) {
    for (const f of familiesOf(set, rule)) {
      families.add(f);
      for (const g of [rule.source, rule.destination]) ipsets.set(ipsetName(g, f), ipsetLines(set, g, f));
    }
  }
  return [
    '#!/bin/sh',
    ...headerLines(set).map((l) => `# ${l}`),
    'set -e',
    ...[...ipsets.values()].flat(),
    ...[...families].map((f) => `${CMD[f]} -N PORTMATRIX 2>/dev/null || ${CMD[f]} -F PORTMATRIX`),
    ...set.rules.flatMap((r) => ruleLines(set, r)),
    '# Send traffic through the chain before your drop rules, e.g.:',
    ...[...families].map((f) => `#   ${CMD[f]} -I INPUT -j PORTMATRIX; ${CMD[f]} -I OUTPUT -j PORTMATRIX`),
    '',
  ].join('\n');
}
