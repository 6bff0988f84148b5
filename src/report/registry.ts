import type { Format, Renderer } from './renderer.js';

// Each renderer is imported when a run writes its format: `--format json` loads no table, HTML or XML code.
const FORMATS: Format[] = [
  {
    name: 'table',
    extension: 'txt',
    description: 'the pass/fail matrix for a terminal',
    kinds: ['report', 'ports'],
    load: async () => (await import('./table-renderer.js')).tableRenderer,
  },
  {
    name: 'json',
    extension: 'json',
    description: 'machine-readable report (docs/report.schema.json)',
    kinds: ['report', 'ports'],
    load: async () => (await import('./json-renderer.js')).jsonRenderer,
  },
  {
    name: 'junit',
    extension: 'xml',
    description: 'JUnit XML for CI report viewers',
    kinds: ['report'],
    load: async () => (await import('./junit-renderer.js')).junitRenderer,
  },
  {
    name: 'csv',
    extension: 'csv',
    description: 'one line per probe, for spreadsheets and tickets',
    kinds: ['report', 'ports'],
    load: async () => (await import('./csv-renderer.js')).csvRenderer,
  },
  {
    name: 'markdown',
    extension: 'md',
    description: 'the matrix as a GitHub table, for tickets',
    kinds: ['report', 'ports'],
    load: async () => (await import('./markdown-renderer.js')).markdownRenderer,
  },
  {
    name: 'html',
    extension: 'html',
    description: 'one self-contained HTML page (no network fetches), readable printed',
    kinds: ['report'],
    load: async () => (await import('./html-renderer.js')).htmlRenderer,
  },
];

/** Names of the formats that can render this kind of document. */
export function formatNames(kind?: Format['kinds'][number]): string[] {
  return FORMATS.filter((f) => !kind || f.kinds.includes(kind)).map((f) => f.name);
}

/** The format a --format name stands for. */
export function formatFor(name: string): Format | undefined {
  return FORMATS.find((f) => f.name === name);
}

/** The renderer for a --format name, loaded on first use. */
export async function rendererFor(name: string): Promise<Renderer | undefined> {
  return formatFor(name)?.load();
}
