/** Where a JSON text stops being JSON: the offset and what was expected there. */
export interface JsonSyntaxError {
  offset: number;
  expected: string;
}

const MAX_DEPTH = 512;

// Thrown inside the scanner; caught by firstJsonError.
class Stop {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {}
}

// Skips JSON whitespace.
function ws(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  return i;
}

// Scans a string starting at its opening quote; returns the offset after the closing quote.
function str(s: string, i: number): number {
  i++;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) throw new Stop(i, 'a closing quote (control characters must be escaped in JSON strings)');
    if (c === 0x5c) {
      const e = s[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) throw new Stop(i + 2, 'four hex digits after \\u');
        i += 6;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
      else throw new Stop(i + 1, 'an escape: one of " \\ / b f n r t u');
    } else i++;
  }
  throw new Stop(i, 'a closing quote');
}

// Scans a number; returns the offset after it.
function num(s: string, i: number): number {
  const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i, i + 400));
  if (!m) throw new Stop(s[i] === '-' ? i + 1 : i, 'a number');
  return i + m[0].length;
}

// Scans the members of an object or array; returns the offset after its closing bracket.
function container(s: string, i: number, depth: number): number {
  const obj = s[i] === '{';
  const close = obj ? '}' : ']';
  if (depth > MAX_DEPTH) throw new Stop(i, `at most ${MAX_DEPTH} levels of nesting`);
  i = ws(s, i + 1);
  if (s[i] === close) return i + 1;
  for (;;) {
    if (obj) {
      if (s[i] !== '"') throw new Stop(i, 'a property name in double quotes');
      i = ws(s, str(s, i));
      if (s[i] !== ':') throw new Stop(i, "':' after the property name");
      i = ws(s, i + 1);
    }
    i = ws(s, value(s, i, depth + 1));
    if (s[i] === close) return i + 1;
    if (s[i] !== ',') throw new Stop(i, `',' or '${close}'`);
    i = ws(s, i + 1);
  }
}

// Scans one value; returns the offset after it.
function value(s: string, i: number, depth: number): number {
  const c = s[i];
  if (c === '{' || c === '[') return container(s, i, depth);
  if (c === '"') return str(s, i);
  if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return num(s, i);
  for (const word of ['true', 'false', 'null']) {
    if (s.startsWith(word, i)) return i + word.length;
  }
  throw new Stop(i, 'a value (object, array, string, number, true, false or null)');
}

/** The first syntax error of a JSON text, or undefined when it is one well-formed JSON value. */
export function firstJsonError(text: string): JsonSyntaxError | undefined {
  try {
    const end = ws(text, value(text, ws(text, 0), 0));
    if (end < text.length) throw new Stop(end, 'the end of the document after the JSON value');
    return undefined;
  } catch (err) {
    if (err instanceof Stop) return { offset: err.offset, expected: err.expected };
    throw err;
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}
