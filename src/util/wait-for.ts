import { setTimeout as sleep } from 'node:timers/promises';

/** Waits `seconds` (0: until the signal), or less when the signal fires first; never rejects. */
export async function waitFor(seconds: number, signal: AbortSignal): Promise<void> {
  await sleep(seconds === 0 ? 2 ** 31 - 1 : seconds * 1000, undefined, { signal }).catch(() => undefined);
}
