import type { PortRow, PortTable } from '../table/types.js';
import type { Report } from '../model/report.js';

/** What a renderer is given: a check/audit/listen report, or the port table itself. */
export type RenderDocument = { kind: 'report'; report: Report } | { kind: 'ports'; table: PortTable; rows: PortRow[] };

/** How to render. */
export interface RenderContext {
  color: boolean;
  /** The terminal's columns for the table format; undefined: no limit (a pipe or a file). */
  width?: number;
  /** Draw with ASCII only (terminals that cannot draw boxes, ✔ and ✘). */
  ascii?: boolean;
  /** Everything: every row's fix, all the advice, cells in full (default: the short form). */
  explain?: boolean;
}

/** How one output format is written. Renderers read only the document they are given. */
export interface Renderer {
  render(doc: RenderDocument, ctx: RenderContext): string;
  /** The same text as render(), in pieces, for formats that stream a large report to a file. */
  chunks?(doc: RenderDocument, ctx: RenderContext): Iterable<string>;
}

/** One output format: its name for --format, what it renders, and its renderer (loaded when used). */
export interface Format {
  name: string;
  /** File extension for --output suggestions and docs. */
  extension: string;
  description: string;
  kinds: ReadonlyArray<RenderDocument['kind']>;
  load(): Promise<Renderer>;
}
