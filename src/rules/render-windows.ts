import { headerLines, portText, ruleComment } from './rule-text.js';
import { farEnd, type MergedRule, type RuleSet } from './rule-set.js';

// PowerShell variable of a group.
const variable = (group: string) => `$pmx_${group.replace(/[^A-Za-z0-9]/g, '_')}`;
// Single-quoted PowerShell string.
const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

// One New-NetFirewallRule, run only once its far end's addresses are filled in.
function ruleLines(rule: MergedRule): string[] {
  const ports = rule.ports.map((p) => portText(p)).join(',');
  const inbound = rule.direction === 'inbound';
  const far = farEnd(rule);
  const name = `portmatrix ${rule.protocol} ${ports} ${inbound ? 'from' : 'to'} ${far}`;
  return [
    `# ${ruleComment(rule)}`,
    [
      `if (${variable(far)}) { New-NetFirewallRule -DisplayName ${quote(name)} -Group 'portmatrix'`,
      `-Direction ${inbound ? 'Inbound' : 'Outbound'} -Protocol ${rule.protocol.toUpperCase()}`,
      `-${inbound ? 'LocalPort' : 'RemotePort'} ${ports} -RemoteAddress ${variable(far)}`,
      `-Action Allow -Description ${quote(rule.rows.join(', '))} }`,
    ].join(' '),
  ];
}

/** PowerShell for Windows Defender Firewall on the product's server: one rule per merged rule. */
export function renderWindows(set: RuleSet): string {
  const far = [...new Set(set.rules.map(farEnd))];
  return [
    ...headerLines(set).map((l) => `# ${l}`),
    ...far.map((g) => `${variable(g)} = @(${(set.groups.get(g) ?? []).map(quote).join(', ')})`),
    ...set.rules.flatMap(ruleLines),
    '',
  ].join('\r\n');
}
