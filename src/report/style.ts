import { styleText } from 'node:util';
import type { Verdict } from './types.js';

type Style = Parameters<typeof styleText>[0];

/** Colours text when colour is on; plain text otherwise. */
export function paint(text: string, style: Style, color: boolean): string {
  // The caller has decided (TTY, NO_COLOR, --no-color); do not let styleText decide again.
  return color ? styleText(style, text, { validateStream: false }) : text;
}

/** Symbols of the matrix. */
export const SYMBOL: Record<Verdict | 'none', string> = { pass: '✔', fail: '✘', unknown: '?', none: '—' };

const VERDICT_STYLE: Record<Verdict, Style> = { pass: 'green', fail: 'red', unknown: 'yellow' };

/** Paints text in the colour of a verdict. */
export function paintVerdict(text: string, verdict: Verdict, color: boolean): string {
  return paint(text, VERDICT_STYLE[verdict], color);
}
