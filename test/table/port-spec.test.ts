import { describe, expect, it } from 'vitest';
import { expandPorts, formatPorts, parseOnlySpec } from '../../src/table/port-spec.js';

describe('port specs', () => {
  it.each([
    [[22], [22]],
    [['40050-40053'], [40050, 40051, 40052, 40053]],
    [
      [514, 49514, 514],
      [514, 49514],
    ],
    [
      [1645, '80-81'],
      [1645, 80, 81],
    ],
  ])('expands %j', (entries, ports) => {
    expect(expandPorts(entries)).toEqual(ports);
  });

  it.each([
    [[42350, 44350], true, '42350/44350'],
    [[1645, 1646, 1812], false, '1645, 1646, 1812'],
    [['40050-40070'], false, '40050-40070'],
  ])('formats %j', (entries, anyOf, text) => {
    expect(formatPorts(entries, anyOf)).toBe(text);
  });

  it.each([
    ['22,443,40050-40052', [22, 443, 40050, 40051, 40052]],
    [' 80 , 81 ', [80, 81]],
  ])('parses --only %s', (spec, ports) => {
    expect([...(parseOnlySpec(spec) as Set<number>)]).toEqual(ports);
  });

  it.each([
    ['https-aus', ['https-aus']],
    ['443,HTTPS-AUS,40050-40051', [443, 'https-aus', 40050, 40051]],
  ])('parses --only %s with row ids', (spec, selection) => {
    expect([...(parseOnlySpec(spec, ['https-aus', 'ftp-tms']) as Set<number | string>)]).toEqual(selection);
  });

  it('a word that is not a row id of the table is refused', () => {
    expect(parseOnlySpec('https-aus2', ['https-aus'])).toBe(
      '"https-aus2" is not a port (1-65535), a range "from-to" or a row id of the table',
    );
  });

  it.each([
    ['', '"" is not a port (1-65535) or a range "from-to"'],
    ['22,,80', '"" is not a port (1-65535) or a range "from-to"'],
    ['0', '"0" is not a port (1-65535) or a range "from-to"'],
    ['70000', '"70000" is not a port (1-65535) or a range "from-to"'],
    ['ssh', '"ssh" is not a port (1-65535) or a range "from-to"'],
    ['90-80', 'range "90-80" is reversed (from must be <= to)'],
  ])('rejects --only %j', (spec, message) => {
    expect(parseOnlySpec(spec)).toBe(message);
  });
});
