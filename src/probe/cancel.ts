/** What a probe watches to be cut short: an AbortSignal, or the lighter Cancel of one TCP attempt. */
export interface CancelSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * AbortController and its signal in one small object, without an EventTarget: a TCP attempt on a clean path
 * pays for a socket and little else (an AbortController cost a tenth of the bare connect). Listeners run once.
 */
export class Cancel implements CancelSignal {
  aborted = false;
  reason: unknown = undefined;
  private listeners: Array<() => void> | undefined = undefined;

  /** The signal side, as AbortController.signal: the same object. */
  get signal(): CancelSignal {
    return this;
  }

  /** Marks the attempt aborted with `reason` and runs its listeners once. */
  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners) for (const l of listeners) l();
  }

  /** Runs `listener` once, on abort. */
  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.aborted) return;
    (this.listeners ??= []).push(listener);
  }

  /** Forgets `listener`. */
  removeEventListener(_type: 'abort', listener: () => void): void {
    const i = this.listeners?.indexOf(listener) ?? -1;
    if (i >= 0) this.listeners!.splice(i, 1);
  }
}
