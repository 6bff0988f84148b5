import { RESET_WITH_RESPONDER } from '../probe/classify-error.js';
import type { ActionKind, ReportCommand, ResultEntry } from '../model/report.js';
import type { ProbeState } from '../model/state.js';

/** What the action for a result depends on besides the result: the command and audit's expectation. */
export interface ActionContext {
  command: ReportCommand;
  /** audit: what the server should look like. */
  expect?: 'free' | 'listening';
}

const PROBE_STATES: ReadonlySet<string> = new Set<ProbeState>(['open', 'closed', 'filtered', 'open|filtered', 'error']);

// check and matrix probe; a merged report holds probe results when their states are a probe's.
const probing = (ctx: ActionContext, r: Pick<ResultEntry, 'state'>) =>
  ctx.command === 'check' || ctx.command === 'matrix' || (ctx.command === 'merge' && PROBE_STATES.has(r.state));

// A probe's result: what its state, its delivery and the reason of a reset say to do.
function probeKind(r: Pick<ResultEntry, 'state' | 'reason' | 'delivery'>): ActionKind {
  if (r.delivery === 'reply-blocked') return 'allow-replies';
  if (r.state === 'filtered') return 'allow-path';
  if (r.state === 'closed') return r.reason === RESET_WITH_RESPONDER ? 'remove-reset' : 'start-service';
  if (r.state === 'open') return 'find-impostor';
  if (r.state === 'open|filtered') return 'prove';
  return 'see-reason';
}

// audit --expect listening: a port that listens and still fails listens where clients cannot reach it.
const localServiceKind = (r: Pick<ResultEntry, 'state'>): ActionKind =>
  r.state === 'listening' ? 'listen-reachable' : 'start-local-service';

/** What to do about one result that did not pass. */
export function actionKind(r: Pick<ResultEntry, 'state' | 'reason' | 'delivery'>, ctx: ActionContext): ActionKind {
  if (probing(ctx, r)) return probeKind(r);
  if (ctx.command === 'audit') return ctx.expect === 'free' ? 'free-port' : localServiceKind(r);
  if (r.state === 'in-use') return 'port-in-use';
  if (r.state === 'needs-privileges') return 'needs-privileges';
  return 'local-reason';
}

/** The action that goes first when a probed row's ports fail in several ways (its one-line fix names one). */
const ROW_PRIORITY: readonly ActionKind[] = ['allow-path', 'start-service', 'remove-reset', 'find-impostor', 'prove'];

/**
 * The one action for a probed row from the actions of its failing results: replies to allow only when that is
 * true of every port (a silent port whose reply alone was dropped is otherwise one more to prove), else the
 * first of ROW_PRIORITY any port needs, else the first port's reason.
 */
export function rowActionKind(kinds: readonly ActionKind[]): ActionKind {
  if (kinds.length > 0 && kinds.every((k) => k === 'allow-replies')) return 'allow-replies';
  const present = new Set<ActionKind>(kinds.map((k) => (k === 'allow-replies' ? 'prove' : k)));
  return ROW_PRIORITY.find((k) => present.has(k)) ?? 'see-reason';
}
