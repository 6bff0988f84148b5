import { nodeCrypto } from '../util/node-crypto.js';

/** A protocol payload that makes a real service on that port answer. */
export interface UdpPayload {
  name: string;
  /** Builds a fresh request (random ids where the protocol has them). */
  build(): Buffer;
  /** True when a datagram looks like this payload (the responder answers such probes). */
  matches(buf: Buffer): boolean;
  /** The service answers from another port (TFTP's new transfer id), not the one probed. */
  replyFromOtherPort?: boolean;
}

// BER: tag, definite length (short or long form), value.
function tlv(tag: number, value: Buffer): Buffer {
  const len = value.length < 0x80 ? Buffer.from([value.length]) : Buffer.from([0x81, value.length]);
  return Buffer.concat([Buffer.from([tag]), len, value]);
}

// A positive BER INTEGER of four bytes.
function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return tlv(0x02, b);
}

const SNMP_V2C = Buffer.from([0x02, 0x01, 0x01, 0x04]);
const SYS_DESCR_0 = Buffer.from([0x2b, 6, 1, 2, 1, 1, 1, 0]); // 1.3.6.1.2.1.1.1.0

/** The SNMP community a check sends (--snmp-community); "public" unless set. */
let community = 'public';

/** Sets the community of the SNMP probe for this process (check --snmp-community). */
export function useSnmpCommunity(value: string): void {
  community = value;
}

/** SNMP v2c GetRequest for sysDescr.0 with the community (--snmp-community, default "public"). */
export function snmpGetRequest(requestId: number = nodeCrypto().randomInt(1, 0x7fffffff), name = community): Buffer {
  const varbind = tlv(0x30, Buffer.concat([tlv(0x06, SYS_DESCR_0), Buffer.from([0x05, 0x00])]));
  const pdu = tlv(
    0xa0,
    Buffer.concat([int32(requestId), tlv(0x02, Buffer.from([0])), tlv(0x02, Buffer.from([0])), tlv(0x30, varbind)]),
  );
  return tlv(0x30, Buffer.concat([tlv(0x02, Buffer.from([1])), tlv(0x04, Buffer.from(name)), pdu]));
}

/** TFTP read request (RRQ, octet mode) for a file name that cannot exist: an ERROR packet proves the service. */
export function tftpReadRequest(name = `portmatrix-probe-${nodeCrypto().randomBytes(6).toString('hex')}`): Buffer {
  return Buffer.concat([
    Buffer.from([0, 1]),
    Buffer.from(name, 'ascii'),
    Buffer.from([0]),
    Buffer.from('octet'),
    Buffer.from([0]),
  ]);
}

/** The payload table, keyed by the port a real service listens on. */
export const UDP_PAYLOADS: ReadonlyMap<number, UdpPayload> = new Map([
  [
    161,
    {
      name: 'snmp-v2c-get-sysdescr',
      build: () => snmpGetRequest(),
      // SEQUENCE, then INTEGER version 1 (v2c) and an OCTET STRING community, whatever the community.
      matches: (b: Buffer) =>
        b.length >= 20 && b[0] === 0x30 && [2, 3].some((i) => SNMP_V2C.equals(b.subarray(i, i + 4))),
    },
  ],
  [
    69,
    {
      name: 'tftp-rrq',
      build: () => tftpReadRequest(),
      matches: (b: Buffer) => b.length >= 6 && b[0] === 0 && b[1] === 1 && b[b.length - 1] === 0,
      replyFromOtherPort: true,
    },
  ],
]);

/** The payload a real service on this port answers, if the table has one. */
export function payloadFor(port: number): UdpPayload | undefined {
  return UDP_PAYLOADS.get(port);
}
