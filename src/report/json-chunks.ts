// Indents every line after the first by pad (JSON.stringify never puts a raw newline inside a string).
function indented(json: string, pad: string): string {
  return json.replace(/\n/g, `\n${pad}`);
}

// A value as JSON.stringify(value, null, 2) writes it when nested at depth 1 (its lines indented by pad).
function nested(value: unknown, pad: string): string {
  return indented(JSON.stringify(value, null, 2), pad);
}

// True for what JSON.stringify leaves out of an object.
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/**
 * The exact text of `JSON.stringify(value, null, 2)`, in pieces: the arrays directly under a top-level
 * object go one element at a time, so a 100,000-result report is never one string in memory.
 */
export function* jsonChunks(value: unknown): Generator<string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || 'toJSON' in value) {
    yield JSON.stringify(value, null, 2);
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => !omitted(v));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (const [i, [key, v]] of entries.entries()) {
    yield `  ${JSON.stringify(key)}: `;
    if (Array.isArray(v) && v.length > 0) {
      yield '[\n';
      for (const [j, item] of v.entries()) {
        const text = omitted(item) ? 'null' : nested(item, '    ');
        yield `    ${text}${j < v.length - 1 ? ',\n' : '\n'}`;
      }
      yield '  ]';
    } else {
      yield nested(v, '  ');
    }
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield '}';
}
