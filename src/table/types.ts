import type { ResultState } from '../model/state.js';

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

/** One piece of advice a table carries, and the failures it applies to (every given selector must match). */
export interface AdviceNote {
  /** Stable id; a note with the id of a generic note replaces that note. */
  id: string;
  /** What to tell the user. */
  text: string;
  /** Row ids the note applies to (default: every row). */
  rows?: string[];
  /** Directions it applies to (default: both). */
  directions?: Direction[];
  /** Failure states it applies to (default: the probe states of check and matrix). */
  states?: ResultState[];
}

/** The advice a table carries. */
export interface TableAdvice {
  /** Where the advice comes from (default: the table's source). */
  source?: string;
  notes: AdviceNote[];
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
  /** The table's own advice for failures, when it carries any. */
  advice?: TableAdvice;
}
