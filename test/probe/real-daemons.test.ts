import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeUdp } from '../../src/probe/udp-probe.js';
import { closedPort } from '../helpers/sockets.js';
import { has, startSnmpd, startTftpd, type Daemon } from '../helpers/daemons.js';

const signal = () => new AbortController().signal;
const canRun = has('snmpd') && has('in.tftpd') && process.getuid?.() === 0;
if (!canRun)
  console.warn('SKIP real daemons: needs root and Debian packages snmpd and tftpd-hpa (.ci/run installs them)');

describe.skipIf(!canRun)('payloads against real Debian daemons', () => {
  let snmpd: Daemon;
  let tftpd: Daemon;
  beforeAll(async () => {
    snmpd = await startSnmpd(await closedPort('udp'));
    tftpd = await startTftpd(await closedPort('udp'));
  });
  afterAll(async () => {
    await snmpd?.stop();
    await tftpd?.stop();
  });

  it('net-snmp snmpd answers the SNMP v2c GetRequest: open', async () => {
    const o = await probeUdp({
      address: '127.0.0.1',
      port: snmpd.port,
      tablePort: 161,
      timeoutMs: 2000,
      signal: signal(),
    });
    expect(o).toMatchObject({ state: 'open', reason: '' });
  });

  it('snmpd ignores the neutral payload: open|filtered (the payload is what makes it answer)', async () => {
    const o = await probeUdp({
      address: '127.0.0.1',
      port: snmpd.port,
      tablePort: 42342,
      timeoutMs: 500,
      signal: signal(),
    });
    expect(o.state).toBe('open|filtered');
  });

  it('tftpd-hpa answers the read request for a missing file with an ERROR packet: open', async () => {
    const o = await probeUdp({
      address: '127.0.0.1',
      port: tftpd.port,
      tablePort: 69,
      timeoutMs: 2000,
      signal: signal(),
    });
    expect(o).toMatchObject({ state: 'open', reason: '' });
  });
});
