/** What the responder saw: request nonces, bounded, for the one-way UDP question. */
export class ReceiveLog {
  private readonly seen = new Map<string, { protocol: string; port: number; at: number }>();
  constructor(private readonly capacity = 200000) {}

  /** Records a nonce that arrived (oldest entries are forgotten beyond capacity). */
  record(nonce: string, protocol: string, port: number): void {
    if (this.seen.size >= this.capacity) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(nonce, { protocol, port, at: Date.now() });
  }

  /** The nonces of `asked` that arrived. */
  arrived(asked: readonly string[]): string[] {
    return asked.filter((n) => this.seen.has(n));
  }

  get size(): number {
    return this.seen.size;
  }
}
