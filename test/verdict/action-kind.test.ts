import { describe, expect, it } from 'vitest';
import { actionKind, rowActionKind, type ActionContext } from '../../src/verdict/action-kind.js';
import { RESET_WITH_RESPONDER } from '../../src/probe/classify-error.js';
import type { ActionKind, ResultEntry } from '../../src/model/report.js';
import type { ResultState } from '../../src/model/state.js';

const failing = (state: ResultState, over: Partial<ResultEntry> = {}) => ({
  state,
  reason: `${state} reason`,
  ...over,
});
const check: ActionContext = { command: 'check' };

describe('actionKind: what to do about one result that did not pass', () => {
  it.each([
    ['check', failing('filtered'), 'allow-path'],
    ['check', failing('closed'), 'start-service'],
    ['check', failing('closed', { reason: RESET_WITH_RESPONDER }), 'remove-reset'],
    ['check', failing('open'), 'find-impostor'],
    ['check', failing('open|filtered'), 'prove'],
    ['check', failing('error'), 'see-reason'],
    ['matrix', failing('open|filtered', { delivery: 'reply-blocked' }), 'allow-replies'],
    ['matrix', failing('open|filtered', { delivery: 'not-delivered' }), 'prove'],
    ['listen', failing('in-use'), 'port-in-use'],
    ['listen', failing('needs-privileges'), 'needs-privileges'],
    ['listen', failing('address-not-available'), 'local-reason'],
    ['listen', failing('error'), 'local-reason'],
    ['merge', failing('filtered'), 'allow-path'],
    ['merge', failing('in-use'), 'port-in-use'],
    ['merge', failing('listening'), 'local-reason'],
  ] as const)('%s, %j: %s', (command, r, kind) => {
    expect(actionKind(r, { command })).toBe(kind);
  });

  it.each([
    ['free', 'listening', 'free-port'],
    ['free', 'unknown', 'free-port'],
    ['listening', 'free', 'start-local-service'],
    [undefined, 'free', 'start-local-service'],
    ['listening', 'listening', 'listen-reachable'],
    [undefined, 'listening', 'listen-reachable'],
  ] as const)('audit --expect %s, %s: %s', (expect_, state, kind) => {
    expect(actionKind(failing(state), { command: 'audit', expect: expect_ })).toBe(kind);
  });

  it('a probe state in a listen report is still a local failure', () => {
    expect(actionKind(failing('error'), { command: 'listen' })).not.toBe(actionKind(failing('error'), check));
  });
});

describe("rowActionKind: the one action of a row's one-line fix", () => {
  it.each([
    ['every port filtered', ['allow-path', 'allow-path'], 'allow-path'],
    ['filtered beats closed', ['start-service', 'allow-path'], 'allow-path'],
    ['a plain closed port beats a reset one', ['remove-reset', 'start-service'], 'start-service'],
    ['only resets', ['remove-reset', 'remove-reset'], 'remove-reset'],
    ['a reset beats an impostor', ['find-impostor', 'remove-reset'], 'remove-reset'],
    ['an impostor beats silence', ['prove', 'find-impostor'], 'find-impostor'],
    ['every reply dropped', ['allow-replies', 'allow-replies'], 'allow-replies'],
    ['a dropped reply beside a silent port', ['allow-replies', 'prove'], 'prove'],
    ['a dropped reply beside an error', ['allow-replies', 'see-reason'], 'prove'],
    ['errors only', ['see-reason'], 'see-reason'],
  ] as const)('%s: %s', (_, kinds, kind) => {
    expect(rowActionKind([...kinds] as ActionKind[])).toBe(kind);
  });
});
