/** A column to fit: its natural (widest cell) and smallest acceptable content width, and its cells' widths. */
export interface ColumnSpec {
  natural: number;
  min: number;
  cells?: readonly number[];
}

/** Width of a box table whose columns hold these content widths (one space of padding each side, borders). */
export function tableWidth(widths: readonly number[]): number {
  return widths.reduce((sum, w) => sum + w + 3, 1);
}

// How many cells one column less would cut or wrap.
function cost(spec: ColumnSpec, width: number): number {
  return (spec.cells ?? []).filter((c) => c > width - 1).length;
}

/**
 * Content widths that fit a table into `width` columns, taking one column at a time from the column where that
 * cuts or wraps the fewest cells (the widest on a tie); undefined when even the minimums do not fit.
 */
export function fitColumns(specs: readonly ColumnSpec[], width: number): number[] | undefined {
  const widths = specs.map((s) => Math.max(s.natural, s.min));
  let excess = tableWidth(widths) - width;
  while (excess > 0) {
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const [i, w] of widths.entries()) {
      if (w <= specs[i]!.min) continue;
      const c = cost(specs[i]!, w);
      if (c < bestCost || (c === bestCost && w > widths[best]!)) [best, bestCost] = [i, c];
    }
    if (best < 0) return undefined;
    widths[best]!--;
    excess--;
  }
  return widths;
}
