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
