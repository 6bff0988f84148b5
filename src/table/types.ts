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
  peer?: string;
  anyOf?: boolean;
  notes?: string[];
}

/** A loaded, validated table. */
export interface PortTable {
  file: string;
  product: string;
  source?: string;
  rows: PortRow[];
}
