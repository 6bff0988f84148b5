import { currentPlatform } from '../platform/index.js';

/** First stop signal: stop starting work; second: abort what is in flight. */
export interface Interrupt {
  stop: AbortSignal;
  abort: AbortSignal;
  interrupted(): boolean;
  dispose(): void;
}

/** Listens for Ctrl-C / SIGTERM (SIGBREAK on Windows) for the duration of a command. */
export function watchInterrupt(): Interrupt {
  const stop = new AbortController();
  const abort = new AbortController();
  const signals = currentPlatform().stopSignals;
  const handler = () => (stop.signal.aborted ? abort.abort() : stop.abort());
  for (const s of signals) process.on(s, handler);
  return {
    stop: stop.signal,
    abort: abort.signal,
    interrupted: () => stop.signal.aborted,
    dispose: () => {
      for (const s of signals) process.removeListener(s, handler);
    },
  };
}
