import type { ListeningSocket, Platform } from '../platform/types.js';
import { portKey } from '../model/keys.js';

/** "node (pid 4242)" or "pid 4242" or "". */
export function describeOwner(s: Pick<ListeningSocket, 'pid' | 'process'>): string {
  if (s.process && s.pid !== undefined) return `${s.process} (pid ${s.pid})`;
  if (s.pid !== undefined && s.pid > 0) return `pid ${s.pid}`;
  return s.process ?? '';
}

/** "protocol|port" -> who holds it, for every socket the OS lists with an owner (none when it lists none). */
export async function ownersByPort(platform: Platform): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  const table = await platform.listeningSockets();
  for (const s of table.ok ? table.sockets : []) {
    const who = describeOwner(s);
    const key = portKey(s.protocol, s.port);
    if (who && !owners.has(key)) owners.set(key, who);
  }
  return owners;
}
