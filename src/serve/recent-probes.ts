import type { Report } from '../model/report.js';

/** One probe run by the exporter, kept for the index page. */
export interface RecentProbe {
  id: number;
  target: string;
  /** The query as asked, e.g. "target=127.0.0.1&direction=both". */
  query: string;
  success: boolean;
  report: Report;
}

/** The last `capacity` probes run (cache hits are not new probes), newest first. */
export class RecentProbes {
  private readonly items: RecentProbe[] = [];
  private next = 1;

  constructor(private readonly capacity = 50) {}

  /** Records a probe; returns its id. */
  add(probe: Omit<RecentProbe, 'id'>): number {
    const id = this.next++;
    this.items.unshift({ ...probe, id });
    if (this.items.length > this.capacity) this.items.pop();
    return id;
  }

  /** The probe with this id, while it is still kept. */
  get(id: number): RecentProbe | undefined {
    return this.items.find((p) => p.id === id);
  }

  /** Newest first. */
  list(): readonly RecentProbe[] {
    return this.items;
  }
}
