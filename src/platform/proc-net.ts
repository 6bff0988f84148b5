import type { ListeningSocket } from './types.js';

// "0100007F" -> "127.0.0.1"; 32 hex digits -> IPv6 text (kernel order: 4 little-endian words).
export function decodeProcAddress(hex: string): string {
  if (hex.length === 8) {
    return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
  }
  const words: string[] = [];
  for (let w = 0; w < 4; w++) {
    const chunk = hex.slice(w * 8, w * 8 + 8);
    const bytes = [6, 4, 2, 0].map((i) => chunk.slice(i, i + 2)).join('');
    words.push(bytes.slice(0, 4), bytes.slice(4, 8));
  }
  const groups = words.map((g) => parseInt(g, 16).toString(16));
  const text = groups.join(':');
  const mapped = /^0:0:0:0:0:ffff:([0-9a-f]+):([0-9a-f]+)$/.exec(text);
  if (mapped) {
    const a = parseInt(mapped[1]!, 16),
      b = parseInt(mapped[2]!, 16);
    return `::ffff:${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  return compressIpv6(groups);
}

// Replaces the longest run of zero groups with "::".
function compressIpv6(groups: string[]): string {
  let best = -1,
    bestLen = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

const TCP_LISTEN = '0A';
const UDP_UNCONNECTED = '07';

/** True when the text starts with the header line of /proc/net/{tcp,udp}[6] ("sl local_address rem_address st"). */
export function hasProcNetHeader(text: string): boolean {
  return /^\s*sl\s+local_address\s+(rem|remote)_address\s+st\s/.test(text);
}

/**
 * Parses /proc/net/{tcp,tcp6,udp,udp6}: TCP sockets in LISTEN, UDP sockets that are bound
 * and not connected. Returns them with their socket inode, to find the owner in /proc/PID/fd.
 */
export function parseProcNet(text: string, protocol: 'tcp' | 'udp'): Array<ListeningSocket & { inode: string }> {
  const out: Array<ListeningSocket & { inode: string }> = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [addr, portHex] = (f[1] ?? '').split(':');
    const state = f[3];
    if (protocol === 'tcp' ? state !== TCP_LISTEN : state !== UDP_UNCONNECTED) continue;
    if (protocol === 'udp' && !/^0+:0000$/.test(f[2] ?? '')) continue;
    out.push({
      protocol,
      address: decodeProcAddress(addr ?? ''),
      port: parseInt(portHex ?? '0', 16),
      inode: f[9] ?? '0',
    });
  }
  return out;
}
