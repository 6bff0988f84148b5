import { rendererFor } from '../report/registry.js';
import { writeAtomic } from '../report/write-atomic.js';
import type { RenderDocument } from '../report/renderer.js';

/** Where and how a command's document goes. */
export interface EmitOptions {
  format: string;
  output?: string;
  color: boolean;
}

/** True when colour is wanted on stdout: a TTY, no NO_COLOR, no --no-color. */
export function wantColor(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  return flag !== false && Boolean(stream.isTTY) && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
}

/**
 * Renders the document. With --output the chosen format goes to the file (atomically)
 * and the matrix to the terminal; without it the chosen format goes to stdout.
 */
export function emit(doc: RenderDocument, opts: EmitOptions): void {
  const renderer = rendererFor(opts.format) ?? rendererFor('table')!;
  if (opts.output) {
    writeAtomic(opts.output, renderer.render(doc, { color: false }));
    process.stdout.write(rendererFor('table')!.render(doc, { color: opts.color }));
    return;
  }
  process.stdout.write(renderer.render(doc, { color: opts.format === 'table' && opts.color }));
}
