import { jsonRenderer } from './json-renderer.js';
import { tableRenderer } from './table-renderer.js';
import { junitRenderer } from './junit-renderer.js';
import { csvRenderer } from './csv-renderer.js';
import { markdownRenderer } from './markdown-renderer.js';
import { htmlRenderer } from './html-renderer.js';
import type { Renderer } from './renderer.js';

const RENDERERS: Renderer[] = [tableRenderer, jsonRenderer, junitRenderer, csvRenderer, markdownRenderer, htmlRenderer];

/** Names of the formats that can render this kind of document. */
export function formatNames(kind?: Renderer['kinds'][number]): string[] {
  return RENDERERS.filter((r) => !kind || r.kinds.includes(kind)).map((r) => r.name);
}

/** The renderer for a --format name. */
export function rendererFor(name: string): Renderer | undefined {
  return RENDERERS.find((r) => r.name === name);
}
