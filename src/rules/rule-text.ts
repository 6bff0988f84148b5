import type { PortRange } from '../table/port-spec.js';
import type { MergedRule, RuleSet } from './rule-set.js';
import { isIPv6Address } from '../util/address.js';

/** An address family of a group. */
export type Family = 'v4' | 'v6';

/** The family of an address or CIDR ("10.0.0.0/24", "2001:db8::1"). */
function familyOf(address: string): Family {
  return isIPv6Address(address.split('/')[0]!.split('%')[0]!) ? 'v6' : 'v4';
}

/** A group's addresses of one family. */
export function addressesOf(set: RuleSet, group: string, family: Family): string[] {
  return (set.groups.get(group) ?? []).filter((a) => familyOf(a) === family);
}

/** The families a rule is written for: those either end has addresses in (IPv4 when neither has any). */
export function familiesOf(set: RuleSet, rule: MergedRule): Family[] {
  const known = [rule.source, rule.destination].flatMap((g) => set.groups.get(g) ?? []).map(familyOf);
  const out = (['v4', 'v6'] as const).filter((f) => known.includes(f));
  return out.length > 0 ? out : ['v4'];
}

/** "443", "40050-40070" with the dialect's range separator. */
export function portText(p: PortRange, sep = '-'): string {
  return p.from === p.to ? `${p.from}` : `${p.from}${sep}${p.to}`;
}

/** What a rule is for, in words: its rows and where the traffic goes. */
export function ruleComment(rule: MergedRule): string {
  const way = rule.direction === 'inbound' ? `inbound from ${rule.source}` : `outbound to ${rule.destination}`;
  return `${rule.rows.join(', ')} (${way})`;
}

/** The header every dialect prints as comments: origin, the table's framing, groups, rows not opened. */
export function headerLines(set: RuleSet): string[] {
  const rows = new Set(set.rules.flatMap((r) => r.rows)).size;
  const lines = [
    `portmatrix rules for ${set.product}: ${set.rules.length} rule(s) for ${rows} row(s), ${set.origin}.`,
    ...set.notes.map((n) => `Table note: ${n}`),
  ];
  for (const [group, addresses] of set.groups) {
    lines.push(
      addresses.length > 0
        ? `${group}: ${addresses.join(', ')}`
        : `${group}: no address known; fill in the ${group} addresses (rules for it match nothing until then)`,
    );
  }
  for (const u of set.unopened) lines.push(`not opened: ${u.id} (${u.direction}): ${u.reason}`);
  return lines;
}

/** Splits text into lines of at most `width` characters at ", " boundaries. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
