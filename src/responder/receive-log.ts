/**
 * The request nonces a responder answered (or told it was busy), for the one-way UDP question.
 * Bounded: the oldest are forgotten beyond `capacity`. Only requests that passed the allow list
 * and the source's budget are recorded, so a flood cannot push out an honest nonce.
 */
export class ReceiveLog {
  private readonly seen = new Set<string>();
  constructor(private readonly capacity = 200000) {}

  /** Records a nonce that arrived. */
  record(nonce: string): void {
    if (this.seen.has(nonce)) return;
    if (this.seen.size >= this.capacity) this.seen.delete(this.seen.values().next().value!);
    this.seen.add(nonce);
  }

  /** The nonces of `asked` that arrived. */
  arrived(asked: readonly string[]): string[] {
    return asked.filter((n) => this.seen.has(n));
  }

  /** Nonces remembered. */
  get size(): number {
    return this.seen.size;
  }
}
