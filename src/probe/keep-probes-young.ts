import { setFlagsFromString } from 'node:v8';

let set = false;

/**
 * Turns off V8's allocation-site pretenuring for the rest of the process, once, before probes are sent.
 * V8 allocates an object literal's objects straight into the old space once a scavenge at full young-generation
 * size finds 85 % or more of those made since the last one alive. The first scavenge after the probes start
 * can see exactly that: the first `--concurrency` probes, all in flight. The literals they pass through (ours,
 * and Node's own in net, events and timers) are then made old for the rest of the run, and each old, dead one
 * keeps its probe's socket, timer, promise and closures alive through every scavenge until a mark-sweep: at
 * 100,000 probes 240 MB peak RSS instead of 185 MB (docs/performance.md, "Memory per probe"). A run-time flag:
 * V8 reads it at every scavenge; Node starts without it (a bin cannot pass flags to node portably).
 */
export function keepProbesYoung(): void {
  if (set) return;
  set = true;
  setFlagsFromString('--no-allocation-site-pretenuring');
}
