/** Protocols a row may use. */
export type Protocol = 'tcp' | 'udp';
/** Direction of traffic, seen from the server. */
export type Direction = 'inbound' | 'outbound';

/** One row of the vendor's table, as written in ports.json. */
export interface PortRow {
  id: string;
  service: string;
  application: string;
  ports: Array<number | string>;
  protocol: Protocol;
  inbound: boolean;
  outbound: boolean;
  /** Outbound: the role of the far end (device, aaa, server, ...). */
  peer?: string;
  /** Inbound: the role the traffic comes from (client, device, server, ...). */
  from?: string;
  anyOf?: boolean;
  notes?: string[];
}

/** A loaded, validated table. */
export interface PortTable {
  file: string;
  product: string;
  source?: string;
  /** The guide's framing of the whole table. */
  notes?: string[];
  /** Groups of names meaning the same application (--app matches any of them). */
  aliases?: string[][];
  rows: PortRow[];
}
