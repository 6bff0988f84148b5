import { linuxPlatform } from './linux.js';
import { windowsPlatform } from './windows.js';
import { unixDrawsUnicode } from './unicode-console.js';
import type { Platform } from './types.js';

/** Other systems: no socket table; audit falls back to a bind test. */
const otherPlatform: Platform = {
  name: 'other',
  listeningSockets: async () => ({ ok: false, why: `no socket list is read on ${process.platform}` }),
  openFileLimit: () => undefined,
  privilegeHint: (port) => `port ${port} needs privileges: run as an administrator, or use --port-offset`,
  bindDenied: (port, protocol) => `binding ${protocol}/${port} needs privileges here`,
  drawsUnicode: unixDrawsUnicode,
  posixFileModes: true,
  stopSignals: ['SIGINT', 'SIGTERM'],
};

/** The platform module for this OS. */
export function currentPlatform(os: NodeJS.Platform = process.platform): Platform {
  if (os === 'linux') return linuxPlatform;
  if (os === 'win32') return windowsPlatform;
  return otherPlatform;
}
