import stringWidth from 'string-width';

/** Columns a string takes in a terminal (wide characters count 2, colour codes 0). */
export function displayWidth(text: string): number {
  return Math.max(0, ...text.split('\n').map((line) => stringWidth(line)));
}

// Splits a word wider than `width` into pieces of at most `width` columns.
function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece !== '' && stringWidth(piece + ch) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  return piece === '' ? pieces : [...pieces, piece];
}

// Break points: after a space, and after the hyphen of a word (row-ids-like-this), never inside 40050-40070.
const BREAK = /(?<= )|(?<=[a-z0-9]-)(?=[a-z])|(?<=[a-z]-)(?=[0-9])/i;

/** The widest piece a text can be wrapped into (its longest word). */
export function longestWord(text: string): number {
  return Math.max(0, ...text.split(BREAK).map((t) => stringWidth(t.trimEnd())));
}

/**
 * Wraps text to `width` columns at spaces and word hyphens: the first line starts with `indent`, the others
 * with `hanging`. Words wider than a line are cut. Without a width the text stays on one line.
 */
export function wrapText(text: string, width: number | undefined, indent = '', hanging = indent): string[] {
  if (width === undefined) return [`${indent}${text}`];
  const lines: string[] = [];
  let prefix = indent;
  let line = '';
  const room = (p: string) => Math.max(1, width - stringWidth(p));
  const tokens = text.split(BREAK).flatMap((t) => {
    const word = t.trimEnd();
    const pieces = breakWord(word, room(hanging));
    return t === word ? pieces : [...pieces.slice(0, -1), `${pieces.at(-1) ?? ''}${t.slice(word.length)}`];
  });
  for (const token of tokens) {
    if (line !== '' && stringWidth((line + token).trimEnd()) > room(prefix)) {
      lines.push(prefix + line.trimEnd());
      prefix = hanging;
      line = '';
    }
    line += token;
  }
  lines.push(prefix + line.trimEnd());
  return lines;
}

/** Cuts text to `width` columns, ending it with `mark` when cut. */
export function truncateText(text: string, width: number, mark = '…'): string {
  if (stringWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (stringWidth(out + ch + mark) > width) break;
    out += ch;
  }
  return `${out.trimEnd()}${mark}`;
}
