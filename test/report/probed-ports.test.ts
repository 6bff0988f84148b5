import { describe, expect, it } from 'vitest';
import { resultPort, withProbed } from '../../src/report/probed-ports.js';
import { rendererFor } from '../../src/report/registry.js';
import { fixtureReport } from '../helpers/fixture-report.js';

describe('the probed port is shown where it differs from the table', () => {
  it.each([
    ['443', 10000, '443→10443'],
    ['443', undefined, '443'],
    ['40050-40070', 10000, '40050-40070→50050-50070'],
    ['88, 389', 10000, '88→10088, 389→10389'],
  ])('%s +%s', (ports, offset, shown) => {
    expect(withProbed(ports, offset)).toBe(shown);
  });

  it.each([
    [{ protocol: 'tcp', port: 443, probedPort: 10443 }, 'tcp/443→10443'],
    [{ protocol: 'udp', port: 514, probedPort: 514 }, 'udp/514'],
    [{ protocol: 'tcp', port: 22 }, 'tcp/22'],
  ])('%o', (r, shown) => {
    expect(resultPort(r)).toBe(shown);
  });
});

describe('every matrix format shows the probed port of a --port-offset run', () => {
  const offsetReport = () => {
    const report = fixtureReport();
    for (const r of report.results) r.probedPort = r.port + 10000;
    return report;
  };
  it.each([
    ['table', '443→10443'],
    ['markdown', '| 443→10443 |'],
    ['html', '<td>443→10443</td>'],
    ['junit', 'tcp/443→10443: filtered'],
  ])('%s', async (name, shown) => {
    const text = (await rendererFor(name))!.render({ kind: 'report', report: offsetReport() }, { color: false });
    expect(text).toContain(shown);
  });
});
