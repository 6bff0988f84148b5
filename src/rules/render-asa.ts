import { headerLines, ruleComment, wrap } from './rule-text.js';
import type { MergedRule, RuleSet } from './rule-set.js';
import { isIPv6Address } from '../util/address.js';

const groupName = (group: string) => `pmx-${group}`;
/** An ASA remark holds at most 100 characters. */
const REMARK_WIDTH = 100;

// "10.0.0.0/24" -> "10.0.0.0 255.255.255.0"; IPv6 keeps its prefix; a lone address is a host.
function networkObject(address: string): string {
  const [ip, prefix] = address.split('/');
  if (prefix === undefined) return ` network-object host ${ip}`;
  if (isIPv6Address(ip!)) return ` network-object ${address}`;
  const bits = Number(prefix);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const dotted = [24, 16, 8, 0].map((s) => (mask >>> s) & 0xff).join('.');
  return ` network-object ${ip} ${dotted}`;
}

// One network object-group per group.
function networkGroup(set: RuleSet, group: string): string[] {
  const addresses = set.groups.get(group) ?? [];
  return [
    `object-group network ${groupName(group)}`,
    ...(addresses.length > 0
      ? addresses.map(networkObject)
      : [` ! fill in the ${group} addresses: network-object host A.B.C.D`]),
  ];
}

// A service object-group of the rule's ports, remarks naming its rows, and the permit line.
function ruleLines(rule: MergedRule, index: number): string[] {
  const svc = `pmx-svc-${index + 1}`;
  return [
    `object-group service ${svc} ${rule.protocol}`,
    ...rule.ports.map((p) => (p.from === p.to ? ` port-object eq ${p.from}` : ` port-object range ${p.from} ${p.to}`)),
    ...wrap(ruleComment(rule), REMARK_WIDTH).map((l) => `access-list PORTMATRIX remark ${l}`),
    `access-list PORTMATRIX extended permit ${rule.protocol} object-group ${groupName(rule.source)} ` +
      `object-group ${groupName(rule.destination)} object-group ${svc}`,
  ];
}

/** Cisco ASA: network object-groups per role, a service object-group and one permit per merged rule. */
export function renderAsa(set: RuleSet): string {
  const groups = [...new Set(set.rules.flatMap((r) => [r.source, r.destination]))];
  return [
    ...headerLines(set).flatMap((l) => wrap(l, 120).map((w) => `! ${w}`)),
    ...groups.flatMap((g) => networkGroup(set, g)),
    ...set.rules.flatMap(ruleLines),
    '! Apply the list where the traffic enters, e.g.: access-group PORTMATRIX in interface inside',
    '',
  ].join('\n');
}
