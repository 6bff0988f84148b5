import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const MODULE = pathToFileURL(path.join(ROOT, 'dist', 'probe', 'keep-probes-young.js')).href;

// Object literals made in a burst and all alive at every scavenge, as the first probes' are (all in flight).
const BURST = `
const live = [];
let sink = 0;
for (let i = 0; i < 200000; i++) {
  live.push({ a: i, b: live });
  if (live.length > 300) live.shift();
  for (let j = 0; j < 100; j++) sink += new Array(10).length;
}
console.log(sink);`;

// How many times V8 decided to allocate an allocation site's objects straight into the old space.
function tenureDecisions(before: string): number {
  const flags = ['--trace-pretenuring', '--trace-pretenuring-statistics', '--max-semi-space-size=1'];
  const r = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', `${before}\n${BURST}`], {
    encoding: 'utf8',
  });
  expect(r.stderr).not.toMatch(/Error/);
  expect(r.status).toBe(0);
  return `${r.stdout}${r.stderr}`.split('\n').filter((line) => line.includes('=> tenure')).length;
}

describe('keepProbesYoung (V8 allocation-site pretenuring off at run time)', () => {
  const call = `import { keepProbesYoung } from '${MODULE}'; keepProbesYoung();`;
  it.each([
    ['left on, V8 pretenures the burst', '', true],
    ['turned off at run time, V8 pretenures nothing', call, false],
  ])('%s', (_name, before, pretenured) => {
    expect(tenureDecisions(before) > 0).toBe(pretenured);
  });
});
