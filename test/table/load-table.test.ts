import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src/table/load-table.js';
import { TableError } from '../../src/errors.js';
import { runCli, writeTable } from '../helpers/cli.js';

const good = (over: Record<string, unknown> = {}) => ({
  id: 'svc',
  service: 'Svc',
  application: 'App',
  ports: [22],
  protocol: 'tcp',
  inbound: true,
  outbound: false,
  ...over,
});
const table = (rows: unknown[]) => ({ product: 'Test', rows });

describe('embedded table', () => {
  it('has the 43 rows of Table A-1 and validates', () => {
    const t = loadTable();
    expect(t.rows).toHaveLength(43);
    expect(new Set(t.rows.map((r) => r.id)).size).toBe(43);
  });

  it('keeps ranges as ranges and alternatives as anyOf', () => {
    const t = loadTable();
    const byId = new Map(t.rows.map((r) => [r.id, r]));
    expect(byId.get('dcr-ogs-common-services')?.ports).toEqual(['40050-40070']);
    expect(byId.get('cstm-common-services')?.ports).toEqual(['50000-50020']);
    expect(byId.get('syslog-common-services')).toMatchObject({ ports: [514, 49514], anyOf: true, protocol: 'udp' });
    expect(byId.get('event-services-software-service')).toMatchObject({ ports: [42350, 44350], anyOf: true });
    expect(byId.get('aaa-security-manager')).toMatchObject({
      ports: [1645, 1646, 1812, 389, 636, 88],
      anyOf: false,
      peer: 'aaa',
    });
    expect(byId.get('https-security-manager')).toMatchObject({ inbound: true, outbound: true, peer: 'mars' });
    expect(byId.get('https-security-manager')?.notes?.[0]).toMatch(/MARS/);
    expect(byId.get('syslog-common-services')?.notes?.join(' ')).toMatch(/514 to 49514/);
  });

  it('names a peer role on every outbound row', () => {
    for (const row of loadTable().rows.filter((r) => r.outbound)) expect(row.peer, row.id).toMatch(/^[a-z-]+$/);
  });

  it('names the source role of every inbound row, with a note on where the role comes from', () => {
    for (const row of loadTable().rows.filter((r) => r.inbound)) {
      expect(row.from, row.id).toMatch(/^(client|device|server)$/);
      expect(
        row.notes?.some((n) => n.startsWith('Where this traffic comes from: ')),
        row.id,
      ).toBe(true);
    }
  });

  it.each([
    ['syslog-security-manager', 'device'],
    ['snmp-traps-performance-monitor', 'device'],
    ['tftp-common-services', 'device'],
    ['https-common-services', 'client'],
    ['http-1741-security-manager', 'client'],
    ['tomcat-shutdown-common-services', 'server'],
    ['database-security-manager', 'server'],
    ['event-services-software-routing', 'server'],
  ])('%s comes from %s', (id, role) => {
    expect(loadTable().rows.find((r) => r.id === id)?.from).toBe(role);
  });

  it("carries the guide's framing and the AUS alias as table data", () => {
    const t = loadTable();
    expect(t.notes?.join(' ')).toMatch(/"Required services and ports" \(p\. 3-1\) is enough/);
    expect(t.notes?.join(' ')).toMatch(/Table A-1 is the complete list, for troubleshooting/);
    expect(t.aliases).toContainEqual(['AUS', 'Auto Update Server']);
  });
});

describe('bad tables', () => {
  it.each([
    ['not JSON', '{"product": "x", rows: [', undefined, undefined, /expected a JSON document/],
    ['no rows', { product: 'x' }, undefined, 'rows', /is required but missing/],
    ['empty rows', { product: 'x', rows: [] }, undefined, 'rows', /expected at least 1 item/],
    [
      'port 0',
      table([good({ ports: [0] })]),
      '"svc" (#1)',
      'ports[0]',
      /expected a port number 1-65535 or a range "from-to", got 0/,
    ],
    ['port 70000', table([good({ ports: [70000] })]), '"svc" (#1)', 'ports[0]', /got 70000/],
    [
      'range end 70000',
      table([good({ ports: ['1-70000'] })]),
      '"svc" (#1)',
      'ports[0]',
      /expected ports 1-65535, got "1-70000"/,
    ],
    [
      'reversed range',
      table([good({ ports: ['40070-40050'] })]),
      '"svc" (#1)',
      'ports[0]',
      /range "40070-40050" is reversed: expected from <= to/,
    ],
    [
      'unknown protocol',
      table([good({ protocol: 'icmp' })]),
      '"svc" (#1)',
      'protocol',
      /expected one of "tcp", "udp", got the string "icmp"/,
    ],
    ['duplicate id', table([good(), good()]), '"svc" (#2)', 'id', /duplicate id, already used by row #1/],
    ['non-numeric port', table([good({ ports: ['ssh'] })]), '"svc" (#1)', 'ports[0]', /got the string "ssh"/],
    [
      'empty ports',
      table([good({ ports: [] })]),
      '"svc" (#1)',
      'ports',
      /expected at least one port, got an empty list/,
    ],
    ['unknown field', table([good({ colour: 'red' })]), '"svc" (#1)', 'colour', /unknown field/],
    [
      'missing field',
      table([{ id: 'a', service: 'S', application: 'A', ports: [1], protocol: 'tcp', inbound: true }]),
      '"a" (#1)',
      'outbound',
      /is required but missing/,
    ],
    ['no direction', table([good({ inbound: false })]), '"svc" (#1)', 'inbound', /must be inbound, outbound or both/],
    ['fractional port', table([good({ ports: [22.5] })]), '"svc" (#1)', 'ports[0]', /got 22.5/],
    [
      'source role on an outbound-only row',
      table([good({ inbound: false, outbound: true, peer: 'aaa', from: 'client' })]),
      '"svc" (#1)',
      'from',
      /only an inbound row has a source role/,
    ],
    [
      'peer role on an inbound-only row',
      table([good({ peer: 'aaa' })]),
      '"svc" (#1)',
      'peer',
      /only an outbound row has a peer role/,
    ],
    ['role not an id', table([good({ from: 'Admin PCs' })]), '"svc" (#1)', 'from', /expected lower-case letters/],
    ['table notes not text', { ...table([good()]), notes: [1] }, undefined, 'notes[0]', /expected string, got 1/],
    ['alias group of one', { ...table([good()]), aliases: [['AUS']] }, undefined, 'aliases[0]', /at least 2/],
  ])('%s: names file, row and field', (_name, content, row, field, message) => {
    const file = writeTable(content);
    let caught: unknown;
    try {
      loadTable(file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TableError);
    const err = caught as TableError;
    expect(err.file).toBe(file);
    expect(err.row).toBe(row);
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
    expect(err.message.startsWith(file)).toBe(true);
  });

  it('rejects a file that is not UTF-8', () => {
    const file = writeTable(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect(() => loadTable(file)).toThrow(/expected UTF-8 text/);
  });

  it('rejects a missing file', () => {
    expect(() => loadTable('/nonexistent/ports.json')).toThrow(/\/nonexistent\/ports.json: file not found/);
  });

  it.each([
    ['port 0', table([good({ ports: [0] })]), 'row "svc" (#1), field "ports[0]"'],
    ['duplicate id', table([good(), good()]), 'row "svc" (#2), field "id"'],
  ])('CLI exits 2 without a stack trace: %s', async (_n, content, where) => {
    const file = writeTable(content);
    const r = await runCli(['ports', '--ports', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`portmatrix: ${file}: ${where}:`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });
});
