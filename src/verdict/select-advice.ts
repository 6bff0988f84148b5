import type { ResultState } from '../model/state.js';
import type { AdviceNote, TableAdvice } from '../table/types.js';
import type { Direction } from '../table/types.js';
import { GENERIC_ADVICE } from './generic-advice.js';

/**
 * States a note applies to when it names none: the states a probe (check, matrix) fails with that say something
 * of the port. An `error` (the probe itself failed: DNS, a local error, an agent not reached) says nothing of it.
 */
const PROBE_FAILURE_STATES: readonly ResultState[] = ['open', 'closed', 'filtered', 'open|filtered'];

/** What a failed row is, for choosing advice. */
export interface AdviceTarget {
  id: string;
  direction: Direction;
  /** The states of the row's results that did not pass. */
  states: ReadonlySet<ResultState>;
}

/** The advice chosen for one row: the table's own, and the generic notes the table does not replace. */
export interface ChosenAdvice {
  advice: string[];
  genericAdvice: string[];
}

/** True when every selector the note has matches the row. */
export function noteApplies(note: AdviceNote, target: AdviceTarget): boolean {
  if (note.rows && !note.rows.includes(target.id)) return false;
  if (note.directions && !note.directions.includes(target.direction)) return false;
  return (note.states ?? PROBE_FAILURE_STATES).some((s) => target.states.has(s));
}

/** The table's notes that apply, then the generic notes that apply and that the table does not replace. */
export function selectAdvice(table: TableAdvice | undefined, target: AdviceTarget): ChosenAdvice {
  const own = table?.notes ?? [];
  const replaced = new Set(own.map((n) => n.id));
  const generic = GENERIC_ADVICE.filter((n) => !replaced.has(n.id));
  return {
    advice: own.filter((n) => noteApplies(n, target)).map((n) => n.text),
    genericAdvice: generic.filter((n) => noteApplies(n, target)).map((n) => n.text),
  };
}
