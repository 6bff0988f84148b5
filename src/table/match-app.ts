import type { PortRow } from './types.js';

// "Common Services (when Security Manager is not installed)" -> ["common", "services"]: conditions in
// parentheses qualify the row; they do not name its application.
function words(text: string, dropConditions = false): string[] {
  const plain = dropConditions ? text.replace(/\([^)]*\)/g, ' ') : text;
  return plain
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

// True when `needle` occurs in `hay` as consecutive whole words.
function hasPhrase(hay: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((w, j) => hay[i + j] === w)) return true;
  }
  return false;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((w, i) => w === b[i]);

/** The names a user's NAME stands for: itself and every alias in a group that contains it. */
function expandAlias(name: string, aliases: readonly string[][] = []): string[][] {
  const asked = words(name);
  const out = [asked];
  for (const group of aliases) {
    if (group.some((g) => same(words(g), asked))) out.push(...group.map((g) => words(g)));
  }
  return out;
}

/** True when NAME is the row's id, or names its application in whole words (or through an alias). */
export function appMatches(row: PortRow, name: string, aliases: readonly string[][] = []): boolean {
  if (name.trim().toLowerCase() === row.id) return true;
  const app = words(row.application, true);
  return expandAlias(name, aliases).some((phrase) => hasPhrase(app, phrase));
}
