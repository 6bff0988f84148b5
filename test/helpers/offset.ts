import { startListen, type ListenOptions, type RunningResponder } from '../../src/commands/listen.js';

/**
 * Starts a responder at a random port offset where every selected port binds, so test files
 * running in parallel never collide. Retries a few offsets before giving up.
 */
export async function listenAtFreeOffset(
  opts: Omit<ListenOptions, 'portOffset'>,
  range: [number, number] = [10100, 15000],
): Promise<{ running: RunningResponder; offset: number }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const offset = range[0] + Math.floor(Math.random() * (range[1] - range[0]));
    const running = await startListen({ ...opts, portOffset: offset });
    if (running.report.rows.every((r) => r.verdict === 'pass')) return { running, offset };
    await running.close();
  }
  throw new Error('no free port offset found');
}
