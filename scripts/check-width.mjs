#!/usr/bin/env node
// House rules Biome cannot check (its formatter never breaks a string): no line of code over 120 characters
// in src/, test/, bench/ and scripts/, and no file in src/ over 300 lines. Run by `npm run lint`.
// Usage: node scripts/check-width.mjs [root]   (exit 1 and one line per problem, file:line first)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAX_WIDTH = 120;
export const MAX_SRC_LINES = 300;
const FOLDERS = ['src', 'test', 'bench', 'scripts'];
const CODE = /\.(?:ts|mts|cts|js|mjs|cjs|py)$/;
// Files exempt from the width rule, each with its reason. Golden and fixture data under test/ are not code
// (.txt, .json, .csv, .html, .md, .xml) and are not read at all.
const EXEMPT = new Map([
  ['src/table/ports-schema.generated.ts', 'written by scripts/gen-validator.mjs at build time, not by hand'],
]);

// Every code file under the checked folders, as a path relative to root with forward slashes.
function codeFiles(root) {
  const out = [];
  const walk = (rel) => {
    let entries;
    try {
      entries = readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch (err) {
      if (err.code === 'ENOENT') return;
      throw err;
    }
    for (const e of entries) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory() && e.name !== 'node_modules') walk(child);
      else if (e.isFile() && CODE.test(e.name)) out.push(child);
    }
  };
  for (const folder of FOLDERS) walk(folder);
  return out.sort();
}

/** The problems in one file's text: "file:line: N characters, limit 120" and "file: N lines, limit 300". */
export function fileProblems(file, text) {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const problems = [];
  if (!EXEMPT.has(file)) {
    lines.forEach((line, i) => {
      const width = [...line.replace(/\r$/, '')].length;
      if (width > MAX_WIDTH) problems.push(`${file}:${i + 1}: ${width} characters, limit ${MAX_WIDTH}`);
    });
  }
  if (file.startsWith('src/') && lines.length > MAX_SRC_LINES) {
    problems.push(`${file}: ${lines.length} lines, limit ${MAX_SRC_LINES} for a file in src/ (split it by concept)`);
  }
  return problems;
}

/** Every problem under root, in file order. */
export function checkTree(root) {
  return codeFiles(root).flatMap((file) => fileProblems(file, readFileSync(path.join(root, file), 'utf8')));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = checkTree(path.resolve(process.argv[2] ?? '.'));
  for (const p of problems) console.error(p);
  if (problems.length > 0) {
    console.error(`check-width: ${problems.length} problem(s)`);
    process.exitCode = 1;
  }
}
