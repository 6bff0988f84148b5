import { toRanges } from '../table/port-spec.js';
import { firewallRules } from './firewall-rules.js';
import { localLine, probeLine } from './remediation-line.js';
import { selectAdvice } from './select-advice.js';
import { rowKey, rowKeys } from '../model/keys.js';
import { groupBy } from '../util/group-by.js';
import { actionKind } from './action-kind.js';
import type { ActionKind, ReportCommand, ResultEntry, RowRemediation, RowResult } from '../model/report.js';
import type { TableAdvice } from '../table/types.js';

/** What remediation depends on besides the results: the command, audit's expectation, the table's advice. */
export interface RemediationContext {
  command: ReportCommand;
  expect?: 'free' | 'listening';
  /** audit --address: the address clients reach the server at. */
  address?: string;
  advice?: TableAdvice;
}

// The actions that a firewall rule carries out (a reset without a responder expected is "start the service").
const FIREWALL_ACTIONS = new Set<ActionKind>(['allow-path', 'allow-replies', 'remove-reset']);

// Rules that would allow the failing ports of a row, when a firewall is the cause.
function rulesFor(row: RowResult, failing: ResultEntry[]): RowRemediation['firewallRules'] {
  if (!failing.some((r) => FIREWALL_ACTIONS.has(actionKind(r, { command: 'check' })))) return undefined;
  return firewallRules({
    id: row.id,
    protocol: row.protocol,
    ports: toRanges(failing.map((r) => r.probedPort ?? r.port)),
    direction: row.direction,
    source: failing.find((r) => r.source)?.source,
    destination: failing[0]!.address || undefined,
    reply: failing.every((r) => r.delivery === 'reply-blocked'),
  });
}

// What to change for one row that did not pass.
function remedy(ctx: RemediationContext, row: RowResult, failing: ResultEntry[]): RowRemediation {
  const probing = ctx.command === 'check' || ctx.command === 'matrix';
  const line = probing
    ? probeLine(row, failing)
    : localLine({ command: ctx.command as 'audit' | 'listen', expect: ctx.expect, address: ctx.address }, row, failing);
  const out: RowRemediation = { remediation: line };
  const rules = probing ? rulesFor(row, failing) : undefined;
  if (rules) out.firewallRules = rules;
  const chosen = selectAdvice(ctx.advice, {
    id: row.id,
    direction: row.direction,
    states: new Set(failing.map((r) => r.state)),
  });
  if (chosen.advice.length > 0) out.advice = chosen.advice;
  if (chosen.genericAdvice.length > 0) out.genericAdvice = chosen.genericAdvice;
  return out;
}

/** What to change for every row that did not pass, by row key (see rowKey); the inputs are not changed. */
export function remediate(
  ctx: RemediationContext,
  rows: readonly RowResult[],
  results: readonly ResultEntry[],
): Map<string, RowRemediation> {
  const failingByRow = groupBy(
    results.filter((r) => r.verdict !== 'pass'),
    rowKeys(),
  );
  const out = new Map<string, RowRemediation>();
  for (const row of rows) {
    const failing = failingByRow.get(rowKey(row)) ?? [];
    if (row.verdict !== 'pass' && failing.length > 0) out.set(rowKey(row), remedy(ctx, row, failing));
  }
  return out;
}
