import { describe, expect, it } from 'vitest';
import { noteApplies, selectAdvice } from '../../src/verdict/select-advice.js';
import { GENERIC_ADVICE } from '../../src/verdict/generic-advice.js';
import { loadTable } from '../../src/table/load-table.js';
import type { ResultState } from '../../src/model/state.js';
import type { AdviceNote } from '../../src/table/types.js';
import type { Direction } from '../../src/table/types.js';

const target = (id: string, direction: Direction, ...states: ResultState[]) => ({
  id,
  direction,
  states: new Set(states),
});

describe('noteApplies: every selector the note has must match', () => {
  const note: AdviceNote = { id: 'n', text: 't', rows: ['a'], directions: ['inbound'], states: ['closed'] };
  it.each([
    ['all match', target('a', 'inbound', 'closed'), true],
    ['another row', target('b', 'inbound', 'closed'), false],
    ['another direction', target('a', 'outbound', 'closed'), false],
    ['another state', target('a', 'inbound', 'filtered'), false],
    ['one of several states', target('a', 'inbound', 'filtered', 'closed'), true],
  ])('%s', (_, t, expected) => {
    expect(noteApplies(note, t)).toBe(expected);
  });

  it.each([
    ['a probe state', 'closed', true],
    ['open|filtered', 'open|filtered', true],
    ['an audit state', 'free', false],
    ['a listen state', 'in-use', false],
    ['error: the probe failed, nothing is known of the port', 'error', false],
  ] as const)('a note without states applies to probe failures only: %s', (_, state, expected) => {
    expect(noteApplies({ id: 'n', text: 't' }, target('x', 'inbound', state))).toBe(expected);
  });
});

describe('selectAdvice', () => {
  const cisco = loadTable().advice;

  it('a table without advice gets only generic advice, never Cisco Security Manager advice', () => {
    const chosen = selectAdvice(undefined, target('https-security-manager', 'inbound', 'closed'));
    expect(chosen.advice).toEqual([]);
    expect(chosen.genericAdvice).toEqual([GENERIC_ADVICE.find((n) => n.id === 'service-down')!.text]);
    expect(chosen.genericAdvice.join(' ')).not.toMatch(/crmdmgt|Security Manager|IIS/);
  });

  it.each([
    // IIS holds a port (something else answers, the responder cannot bind, audit finds it in use); an antivirus
    // drops or answers: neither explains a closed port, and no table note explains an error (#s4.5).
    ['https-security-manager', 'inbound', 'closed', ['https-mode', 'mars', 'service-down', 'disk-500mb'], []],
    ['https-security-manager', 'inbound', 'filtered', ['antivirus', 'https-mode', 'mars'], ['firewall-inbound']],
    ['https-security-manager', 'inbound', 'open', ['iis', 'antivirus', 'https-mode', 'mars'], ['impostor']],
    ['https-security-manager', 'inbound', 'in-use', ['iis'], []],
    ['https-security-manager', 'inbound', 'error', [], ['probe-error']],
    ['tacacs-common-services', 'outbound', 'error', [], ['probe-error']],
    ['http-1741-aus', 'inbound', 'open|filtered', ['tomcat-1741', 'daemon-manager'], ['prove-inbound']],
    ['tacacs-common-services', 'outbound', 'closed', ['acs-aaa-client'], ['peer-down']],
    ['ftp-tms', 'outbound', 'filtered', [], ['firewall-outbound']],
    ['https-common-services', 'inbound', 'free', ['service-not-listening'], []],
  ] as const)('the embedded table: %s %s %s', (id, direction, state, own, generic) => {
    const chosen = selectAdvice(cisco, target(id, direction, state));
    const text = (ids: readonly string[], notes: readonly AdviceNote[]) =>
      ids.map((i) => notes.find((n) => n.id === i)!.text);
    expect(chosen.advice).toEqual(text(own, cisco!.notes));
    expect(chosen.genericAdvice).toEqual(text(generic, GENERIC_ADVICE));
  });

  it("a table's note replaces the generic note of the same id", () => {
    const own = { notes: [{ id: 'service-down', text: 'start acme-daemon' }] };
    const chosen = selectAdvice(own, target('x', 'inbound', 'closed'));
    expect(chosen).toEqual({ advice: ['start acme-daemon'], genericAdvice: [] });
  });
});
