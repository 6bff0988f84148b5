import { describe, expect, it } from 'vitest';
import { snmpGetRequest, tftpReadRequest, payloadFor } from '../../src/probe/udp-payloads.js';

type Node = { tag: number; value: Buffer; children?: Node[] };

// A minimal BER decoder for the test: definite lengths, constructed tags recurse.
function decode(buf: Buffer): Node[] {
  const out: Node[] = [];
  let i = 0;
  while (i < buf.length) {
    const tag = buf[i++]!;
    let len = buf[i++]!;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let k = 0; k < n; k++) len = (len << 8) | buf[i++]!;
    }
    const value = buf.subarray(i, i + len);
    if (value.length !== len) throw new Error('truncated');
    i += len;
    out.push({ tag, value, children: tag & 0x20 ? decode(value) : undefined });
  }
  return out;
}

describe('UDP payloads', () => {
  it('SNMP v2c GetRequest for sysDescr.0 is well-formed BER', () => {
    const buf = snmpGetRequest(0x1234567);
    const [msg] = decode(buf);
    expect(msg!.tag).toBe(0x30);
    const [version, community, pdu] = msg!.children!;
    expect(version).toMatchObject({ tag: 0x02, value: Buffer.from([1]) }); // v2c
    expect(community!.tag).toBe(0x04);
    expect(community!.value.toString()).toBe('public');
    expect(pdu!.tag).toBe(0xa0); // GetRequest-PDU
    const [reqId, errStatus, errIndex, varbinds] = pdu!.children!;
    expect(reqId!.value.readUInt32BE()).toBe(0x1234567);
    expect(errStatus!.value).toEqual(Buffer.from([0]));
    expect(errIndex!.value).toEqual(Buffer.from([0]));
    const [varbind] = varbinds!.children!;
    const [oid, value] = varbind!.children!;
    expect(oid!.tag).toBe(0x06);
    expect([...oid!.value]).toEqual([0x2b, 6, 1, 2, 1, 1, 1, 0]); // 1.3.6.1.2.1.1.1.0
    expect(value).toMatchObject({ tag: 0x05, value: Buffer.alloc(0) });
  });

  it('random request ids stay positive', () => {
    for (let i = 0; i < 50; i++) {
      const [msg] = decode(snmpGetRequest());
      expect(msg!.children![2]!.children![0]!.value[0]! & 0x80).toBe(0);
    }
  });

  it('TFTP RRQ: opcode 1, file name, octet mode', () => {
    const buf = tftpReadRequest('nofile');
    expect(buf.readUInt16BE(0)).toBe(1);
    const [name, mode, rest] = buf.subarray(2).toString('latin1').split('\0');
    expect([name, mode, rest]).toEqual(['nofile', 'octet', '']);
  });

  it.each([
    [161, 'snmp-v2c-get-sysdescr'],
    [69, 'tftp-rrq'],
  ])('port %i has payload %s', (port, name) => {
    expect(payloadFor(port)?.name).toBe(name);
    expect(payloadFor(port)!.matches(payloadFor(port)!.build())).toBe(true);
  });

  it('other ports get the neutral payload', () => {
    expect(payloadFor(514)).toBeUndefined();
  });
});
