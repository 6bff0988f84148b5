import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src/table/load-table.js';
import { ROOT } from '../helpers/cli.js';

const data = JSON.parse(readFileSync(path.join(ROOT, 'remediation.json'), 'utf8')) as {
  advice: Record<string, string>;
  rows: Record<string, string[]>;
  states: Record<string, Record<string, string[]>>;
};

describe('remediation.json', () => {
  it('names only row ids of ports.json and advice keys it defines', () => {
    const ids = new Set(loadTable().rows.map((r) => r.id));
    for (const [id, keys] of Object.entries(data.rows)) {
      expect(ids.has(id), id).toBe(true);
      for (const k of keys) expect(data.advice[k], `${id}: ${k}`).toBeTypeOf('string');
    }
    for (const byState of Object.values(data.states))
      for (const keys of Object.values(byState)) for (const k of keys) expect(data.advice[k], k).toBeTypeOf('string');
  });

  it("carries the guide's troubleshooting where it applies", () => {
    expect(data.rows['http-1741-security-manager']).toContain('tomcat-1741');
    expect(data.advice['daemon-manager']).toContain('net stop crmdmgt');
    expect(data.advice['syslog-49514']).toContain('49514');
    expect(data.advice.iis).toContain('IIS');
    expect(data.advice['disk-500mb']).toContain('500 MB');
  });
});
