import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERIC_ADVICE } from '../../src/verdict/generic-advice.js';
import { ROOT } from '../helpers/cli.js';

const table = JSON.parse(readFileSync(path.join(ROOT, 'ports.json'), 'utf8')) as {
  advice: { notes: Array<{ id: string; text: string }> };
};

// The token option with its value on the command line: visible to every local user (docs/security.md).
const TOKEN_ON_LINE = /--token(?![-\w])/;

describe('advice never tells users to put the token on the command line (#s4.1)', () => {
  it.each([
    [
      'prove-inbound',
      'No answer and no proof: run `portmatrix listen --token-file FILE` on the server and check again with the ' +
        'same --token-file to get a definitive answer.',
    ],
    [
      'prove-outbound',
      'No answer and no proof: run `portmatrix listen --direction outbound --token-file FILE` on the peer and ' +
        'check again with the same --token-file.',
    ],
  ])('%s says --token-file', (id, text) => {
    expect(GENERIC_ADVICE.find((n) => n.id === id)?.text).toBe(text);
  });

  it.each([
    ...GENERIC_ADVICE.map((n) => [`generic ${n.id}`, n.text]),
    ...table.advice.notes.map((n) => [`ports.json ${n.id}`, n.text]),
  ])('%s', (_, text) => {
    expect(text).not.toMatch(TOKEN_ON_LINE);
  });
});
