import { describe, expect, it } from 'vitest';
import { filterRows, rolesIn } from '../../src/table/filter-rows.js';
import { loadTable } from '../../src/table/load-table.js';

const table = loadTable();
const ids = (apps: string[], extra: Parameters<typeof filterRows>[1] = {}) =>
  filterRows(table.rows, { apps, aliases: table.aliases, ...extra }).map((r) => r.id);

describe('--app: whole words of the application, the row id, or an alias', () => {
  it.each([
    ['security manager', 'syslog-security-manager', true],
    ['Security Manager', 'aaa-security-manager', true],
    ['security manager', 'ftp-tms', true],
    ['security manager', 'syslog-common-services', false],
    ['security manager', 'syslog-performance-monitor', false],
    ['common services', 'syslog-common-services', true],
    ['aus', 'https-aus', true],
    ['AUS', 'sybase-aus', true],
    ['auto update server', 'http-1741-aus', true],
    ['auto update', 'sybase-aus', true],
    ['update', 'https-aus', false],
    ['secur', 'ssh-security-manager', false],
    ['monitor', 'https-performance-monitor', true],
    ['https-aus', 'https-aus', true],
    ['https-aus', 'http-1741-aus', false],
    ['tms', 'ftp-tms', true],
  ])('--app %j selects %s: %s', (app, id, selected) => {
    expect(ids([app]).includes(id)).toBe(selected);
  });

  it('--app aus selects the two AUS rows and the Auto Update Server row, nothing else', () => {
    expect(ids(['aus'])).toEqual(['https-aus', 'http-1741-aus', 'sybase-aus']);
  });
});

describe('role filter', () => {
  it.each([
    ['device', 'inbound', ['tftp-common-services', 'snmp-traps-performance-monitor', 'syslog-security-manager']],
    ['aaa', 'outbound', ['tacacs-common-services', 'aaa-security-manager', 'acs-http-security-manager']],
    ['mars', 'both', ['https-security-manager']],
  ] as const)('role %s, direction %s', (role, direction, first) => {
    expect(ids([], { role, direction }).slice(0, 3)).toEqual(first);
  });

  it('a row keeps a direction only when that direction comes from the role', () => {
    expect(ids([], { role: 'client', direction: 'outbound' })).toEqual([]);
    expect(ids(['https-security-manager'], { role: 'client', direction: 'inbound' })).toEqual([
      'https-security-manager',
    ]);
  });

  it('lists the roles per direction', () => {
    expect(rolesIn(table.rows, 'inbound')).toEqual(['client', 'device', 'server']);
    expect(rolesIn(table.rows, 'outbound')).toEqual([
      'aaa',
      'device',
      'mail',
      'mars',
      'server',
      'tms',
      'trap-receiver',
    ]);
  });
});
