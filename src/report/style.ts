import { styleText } from 'node:util';
import type { Verdict } from '../model/state.js';

type Style = Parameters<typeof styleText>[0];

/** Colours text when colour is on; plain text otherwise. */
export function paint(text: string, style: Style, color: boolean): string {
  // The caller has decided (TTY, NO_COLOR, --no-color); do not let styleText decide again.
  return color ? styleText(style, text, { validateStream: false }) : text;
}

/** Symbols of the matrix. */
export const SYMBOL: Record<Verdict | 'none', string> = { pass: '✔', fail: '✘', unknown: '?', none: '—' };

/** Symbols of the matrix for terminals that cannot draw ✔ and ✘. */
export const ASCII_SYMBOL: Record<Verdict | 'none', string> = { pass: 'ok', fail: 'X', unknown: '?', none: '-' };

const VERDICT_STYLE: Record<Verdict, Style> = { pass: 'green', fail: 'red', unknown: 'yellow' };

/** Paints text in the colour of a verdict. */
export function paintVerdict(text: string, verdict: Verdict, color: boolean): string {
  return paint(text, VERDICT_STYLE[verdict], color);
}

const ASCII_TEXT: Record<string, string> = {
  '✔': 'ok',
  '✘': 'X',
  '—': '-',
  '–': '-',
  '→': '->',
  '←': '<-',
  '·': '|',
  '…': '...',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
};
const ASCII_PATTERN = new RegExp(`[${Object.keys(ASCII_TEXT).join('')}]`, 'g');

/** Our own symbols and punctuation spelled in ASCII (the table's own text is left as it is). */
export function asciiText(text: string): string {
  return text.replace(ASCII_PATTERN, (ch) => ASCII_TEXT[ch]!);
}

/** Box characters of cli-table3 drawn with - | + only. */
export const ASCII_BOX = {
  top: '-',
  'top-mid': '+',
  'top-left': '+',
  'top-right': '+',
  bottom: '-',
  'bottom-mid': '+',
  'bottom-left': '+',
  'bottom-right': '+',
  left: '|',
  'left-mid': '+',
  mid: '-',
  'mid-mid': '+',
  right: '|',
  'right-mid': '+',
  middle: '|',
};
