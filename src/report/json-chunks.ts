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

/** Items stringified together: one JSON.stringify per batch, not one per item and a re-indent (a fifth of it). */
const ITEMS_PER_BATCH = 256;
const OPEN = '{\n  "k": [\n';
const CLOSE = '\n  ]\n}';

// Where the item that starts at `from` ends: the ",\n" before a line indented exactly 4 spaces (deeper lines have
// 6 or more, an item's own closing bracket follows no comma, and no string holds a raw line break); -1 if last.
function itemEnd(text: string, from: number): number {
  for (let cut = text.indexOf(',\n    ', from); cut >= 0; cut = text.indexOf(',\n    ', cut + 1))
    if (text.charCodeAt(cut + 6) !== 32) return cut;
  return -1;
}

// The items of an array directly under the top-level object, as JSON.stringify(value, null, 2) writes them, one
// piece per item with the comma and line break after it; each batch of items is stringified at the same depth.
function* arrayItems(list: readonly unknown[]): Generator<string> {
  for (let start = 0; start < list.length; start += ITEMS_PER_BATCH) {
    const end = Math.min(list.length, start + ITEMS_PER_BATCH);
    const json = JSON.stringify({ k: list.slice(start, end) }, null, 2);
    const text = json.slice(OPEN.length, json.length - CLOSE.length);
    let from = 0;
    for (let cut = itemEnd(text, 0); cut >= 0; cut = itemEnd(text, from)) {
      yield text.slice(from, cut + 2);
      from = cut + 2;
    }
    yield `${text.slice(from)}${end < list.length ? ',\n' : '\n'}`;
  }
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
      yield* arrayItems(v);
      yield '  ]';
    } else {
      yield nested(v, '  ');
    }
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield '}';
}
