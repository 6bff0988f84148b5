import Table from 'cli-table3';
import { type ColumnSpec, fitColumns } from './fit-columns.js';
import { ASCII_BOX } from './style.js';
import { displayWidth, longestWord, truncateText, wrapText } from './text-width.js';

/** A cell: its text, and how to colour each of its lines once fitted. */
export interface Cell {
  text: string;
  paint?: (line: string) => string;
}

/** A column: a header, cells, and what to do when it must get narrower than its widest cell. */
export interface BoxColumn {
  head: string;
  cells: Cell[];
  /** wrap: onto more lines; truncate: cut with "…"; keep: never narrower than its widest cell. */
  fit: 'wrap' | 'truncate' | 'keep';
  /** The narrowest it may get; never narrower than its longest word when it wraps. */
  min?: number;
}

/** The widths a column wants and accepts. */
export function columnSpec(col: BoxColumn): ColumnSpec {
  const texts = [col.head, ...col.cells.map((c) => c.text)];
  const widths = col.cells.map((c) => displayWidth(c.text));
  const head = displayWidth(col.head);
  const natural = Math.max(head, ...widths);
  // What narrowing costs: a cut cell loses text (3), a wrapped cell or header takes a line more (1, 2).
  const cells = [...(col.fit === 'truncate' ? [...widths, ...widths, ...widths] : widths), head, head];
  if (col.fit === 'keep') return { natural, min: natural, cells };
  const words = col.fit === 'wrap' ? Math.max(...texts.map(longestWord)) : longestWord(col.head);
  return { natural, min: Math.min(natural, Math.max(col.min ?? 0, words)), cells };
}

// A cell's text fitted to `width` (undefined: as it is), then coloured line by line.
function fitCell(cell: Cell, fit: BoxColumn['fit'], width: number | undefined, ascii: boolean): string {
  let lines = cell.text.split('\n');
  if (width !== undefined && fit === 'truncate') lines = lines.map((l) => truncateText(l, width, ascii ? '~' : '…'));
  if (width !== undefined && fit === 'wrap') lines = lines.flatMap((l) => wrapText(l, width));
  return lines.map((l) => (cell.paint ? cell.paint(l) : l)).join('\n');
}

/** Draws columns as a box table; with `widths` (content widths) every cell is wrapped or cut to its column. */
export function drawTable(columns: readonly BoxColumn[], widths?: readonly number[], ascii = false): string {
  const table = new Table({
    head: columns.map((c, i) => fitCell({ text: c.head }, 'wrap', widths?.[i], ascii)),
    style: { head: [], border: [], compact: true },
    wordWrap: false,
    ...(ascii ? { chars: ASCII_BOX } : {}),
  });
  const rows = Math.max(0, ...columns.map((c) => c.cells.length));
  for (let r = 0; r < rows; r++) {
    table.push(columns.map((c, i) => fitCell(c.cells[r] ?? { text: '' }, c.fit, widths?.[i], ascii)));
  }
  return table.toString();
}

/**
 * Content widths that fit the columns into `width`; when whole words cannot fit, words are cut too
 * (down to `min`, or 4 columns); when even that cannot fit, the narrowest.
 */
export function fitTable(columns: readonly BoxColumn[], width: number): number[] {
  const specs = columns.map(columnSpec);
  const cutWords = specs.map((s, i) =>
    columns[i]!.fit === 'wrap' ? { ...s, min: Math.min(s.min, columns[i]!.min ?? 4) } : s,
  );
  return fitColumns(specs, width) ?? fitColumns(cutWords, width) ?? cutWords.map((s) => s.min);
}
