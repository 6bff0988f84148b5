import { rendererFor } from '../report/registry.js';
import { writeAtomic } from '../report/write-atomic.js';
import type { RenderContext, RenderDocument } from '../report/renderer.js';
import { type TerminalArgs, terminalContext } from './terminal.js';

/** Where and how a command's document goes. */
export interface EmitOptions extends TerminalArgs {
  format: string;
  output?: string;
}

/**
 * Renders the document. With --output the chosen format goes to the file (atomically)
 * and the matrix to the terminal; without it the chosen format goes to stdout.
 */
export async function emit(doc: RenderDocument, opts: EmitOptions): Promise<void> {
  const renderer = (await rendererFor(opts.format)) ?? (await rendererFor('table'))!;
  const terminal: RenderContext = terminalContext(opts);
  if (opts.output) {
    // JSON and CSV stream to the file: a large report is never one string in memory.
    writeAtomic(
      opts.output,
      renderer.chunks ? renderer.chunks(doc, { color: false }) : renderer.render(doc, { color: false }),
    );
    process.stdout.write((await rendererFor('table'))!.render(doc, terminal));
    return;
  }
  process.stdout.write(renderer.render(doc, opts.format === 'table' ? terminal : { color: false }));
}
