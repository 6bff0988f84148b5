// npm run bench: every benchmark in turn (never part of npm test). Each prints a table and a JSON line.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
let failed = 0;
for (const name of ['startup', 'floor', 'scale', 'memory', 'firewall', 'lossy', 'rate-limit', 'serve', 'load']) {
  const r = spawnSync(process.execPath, [path.join(here, `${name}.mjs`)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
