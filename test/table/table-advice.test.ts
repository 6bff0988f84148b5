import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src/table/load-table.js';
import { writeTable } from '../helpers/cli.js';

const row = { id: 'a', service: 'S', application: 'A', ports: [1], protocol: 'tcp', inbound: true, outbound: false };
const withAdvice = (advice: unknown) => writeTable({ product: 'Acme', rows: [row], advice });

describe("a table's advice is schema-checked like its rows", () => {
  it('loads with the table', () => {
    const notes = [{ id: 'n', rows: ['a'], states: ['closed'], text: 'restart acme' }];
    expect(loadTable(withAdvice({ source: 'Acme guide', notes })).advice).toEqual({ source: 'Acme guide', notes });
  });

  it.each([
    [
      {
        notes: [
          { id: 'n', text: 't' },
          { id: 'n', text: 'u' },
        ],
      },
      'field "advice.notes[1].id": duplicate advice id "n"',
    ],
    [{ notes: [{ id: 'n', rows: ['b'], text: 't' }] }, 'field "advice.notes[0].rows": no row has the id "b"'],
    [{ notes: [{ id: 'n', states: ['sideways'], text: 't' }] }, 'advice'],
    [{ notes: [{ id: 'n', text: 't', when: 'x' }] }, 'when'],
    [{ notes: [{ id: 'n' }] }, 'text'],
    [{ rules: [] }, 'notes'],
  ])('%j is a load error naming the field', (advice, message) => {
    expect(() => loadTable(withAdvice(advice))).toThrow(message);
  });
});
