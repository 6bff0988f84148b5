import type { ListeningSocket, SocketTable } from './types.js';

// "[::]:443" -> ["::", 443]; "0.0.0.0:80" -> ["0.0.0.0", 80]; "[fe80::1%4]:135" keeps the zone.
export function splitEndpoint(text: string): [string, number] | undefined {
  const m = /^\[?(.*?)\]?:(\d+|\*)$/.exec(text);
  if (!m || m[2] === '*') return undefined;
  return [m[1]!, Number(m[2])];
}

/**
 * Parses Windows `netstat -ano` output: TCP lines in LISTENING, every UDP line (UDP has no
 * state), with the owning PID. Header lines and other states are skipped; localized state
 * names are recognised for English and Japanese Windows.
 */
export function parseNetstat(text: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const f = raw.trim().split(/\s+/);
    const proto = f[0]?.toUpperCase();
    if (proto === 'TCP' && f.length >= 5 && /^(LISTENING|LISTEN|待ち受け中)$/.test(f[3]!)) {
      const ep = splitEndpoint(f[1]!);
      if (ep) out.push({ protocol: 'tcp', address: ep[0], port: ep[1], pid: Number(f[4]) });
    } else if (proto === 'UDP' && f.length >= 4) {
      const ep = splitEndpoint(f[1]!);
      if (ep) out.push({ protocol: 'udp', address: ep[0], port: ep[1], pid: Number(f[f.length - 1]) });
    }
  }
  return out;
}

// The column header of `netstat -ano` ends with PID in every language Windows ships.
const PID_HEADER = /^\s*\S+\s.*\sPID\s*$/im;

/**
 * Windows `netstat -ano` output as a socket table, or why it cannot be trusted: no PID column (Wine's
 * netstat has none), or no TCP socket in a listening state we recognise (Windows always has some, e.g.
 * 135): an unknown format or language, never "nothing listens".
 */
export function readNetstat(text: string): SocketTable {
  if (!PID_HEADER.test(text)) return { ok: false, why: 'netstat -ano printed no PID column' };
  const sockets = parseNetstat(text);
  if (!sockets.some((s) => s.protocol === 'tcp')) {
    return { ok: false, why: 'netstat -ano listed no listening TCP socket in a format or language known here' };
  }
  return { ok: true, sockets, source: 'netstat -ano' };
}

/** Parses `tasklist /fo csv /nh` into pid -> image name. */
export function parseTasklist(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^"([^"]*)","(\d+)"/.exec(line.trim());
    if (m) names.set(Number(m[2]), m[1]!);
  }
  return names;
}
