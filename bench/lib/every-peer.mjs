// Outbound rows go only to --peer hosts (#19.3): to probe the whole table on one host, name it for every role.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, ROOT } from './measure.mjs';

const roles = [
  ...new Set(
    JSON.parse(readFileSync(path.join(ROOT, 'ports.json'), 'utf8'))
      .rows.filter((r) => r.outbound)
      .map((r) => r.peer ?? 'peer'),
  ),
].sort();

/** `--peer ROLE=HOST` for every outbound role of the embedded table. */
export function everyPeer(host) {
  return roles.flatMap((role) => ['--peer', `${role}=${host}`]);
}

/** The same as /probe query parameters. */
export function everyPeerQuery(host) {
  return roles.map((role) => `&peer=${role}=${host}`).join('');
}

/** argv of a check of the whole table on HOST, both directions, every outbound role sent there too; JSON. */
export function wholeTableCheck(host, ...extra) {
  return [
    process.execPath,
    CLI,
    'check',
    host,
    ...everyPeer(host),
    '--direction',
    'both',
    '--format',
    'json',
    '--quiet',
    ...extra,
  ];
}
