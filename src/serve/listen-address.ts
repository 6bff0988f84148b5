import { InputError } from '../errors.js';
import { ipVersion, isIPv6Address } from '../util/address.js';

/** Where the exporter listens. */
export interface ListenAddress {
  host: string;
  port: number;
}

/** The exporter's default address: loopback only, the port blackbox_exporter's neighbours leave free. */
export const DEFAULT_LISTEN = '127.0.0.1:9753';

/** Parses --listen HOST:PORT ("[::1]:9753" for IPv6); HOST is an IP address, never a name (localhost neither). */
export function parseListen(value: string): ListenAddress {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(value) ?? /^([^:[\]]+):(\d{1,5})$/.exec(value);
  const host = m?.[1];
  const port = Number(m?.[2]);
  const hostOk = host !== undefined && ipVersion(host) !== 0;
  if (!m || !hostOk || !Number.isInteger(port) || port > 65535) {
    // A name would bind whichever address it resolves to first (localhost: 127.0.0.1 or ::1): say which to give.
    const name = m && !hostOk ? ` ("${host}" is a name; give its address)` : '';
    throw new InputError(
      `--listen "${value}": expected ADDRESS:PORT with an IP address, e.g. 127.0.0.1:9753 or [::1]:9753 ` +
        `(port 0: any free port)${name}`,
    );
  }
  return { host: host!, port };
}

/** The URL form of a bound address, e.g. http://[::1]:9753. */
export function urlOf(host: string, port: number): string {
  return `http://${isIPv6Address(host) ? `[${host}]` : host}:${port}`;
}
