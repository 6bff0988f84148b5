import type { PortRow, PortTable } from '../table/types.js';
import type { Report } from './types.js';

/** What a renderer is given: a check/audit/listen report, or the port table itself. */
export type RenderDocument = { kind: 'report'; report: Report } | { kind: 'ports'; table: PortTable; rows: PortRow[] };

/** How to render. */
export interface RenderContext {
  color: boolean;
}

/** One output format. Renderers read only the document they are given. */
export interface Renderer {
  name: string;
  /** File extension for --output suggestions and docs. */
  extension: string;
  description: string;
  kinds: ReadonlyArray<RenderDocument['kind']>;
  render(doc: RenderDocument, ctx: RenderContext): string;
}
