import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import type { Report } from '../../src/model/report.js';

// The names the examples use, as a test may run them: loopback addresses only.
const NAMES: Record<string, string> = {
  csm01: '127.0.0.1',
  csm02: '127.0.0.3',
  acs01: '127.0.0.2',
  smtp01: '127.0.0.4',
  '10.1.1.1': '127.0.0.5',
  '/etc/portmatrix/community': 'community.txt',
};
const DOCS = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).map((f) => `docs/${f}`)].filter(
  (f) => f.endsWith('.md') && f !== 'docs/performance.md',
);

interface Example {
  doc: string;
  line: number;
  env: Record<string, string>;
  args: string[];
}

// Words of a command line, "quoted words" kept together.
function words(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!).map((w) => NAMES[w] ?? w);
}

// `[VAR=value] portmatrix check ARGS [# comment]` -> an example; placeholders (HOST, REPORT.json) are not.
function example(doc: string, line: number, text: string): Example | undefined {
  const m = /^(?:([A-Z_]+)=(\S+)\s+)?portmatrix check\s+([^#]+?)\s*(?:#.*)?$/.exec(text.trim());
  if (!m || /\b[A-Z]{4,}\b|…|</.test(m[3]!)) return undefined;
  const args = words(m[3]!).map((w) => w.replace(/=([\w.-]+)$/, (_all, name: string) => `=${NAMES[name] ?? name}`));
  return { doc, line, env: m[1] ? { [m[1]]: 'public' } : {}, args };
}

// Every `portmatrix check` of a fenced block or an inline code span, in document order.
function examples(): Example[] {
  const out: Example[] = [];
  for (const doc of DOCS) {
    readFileSync(path.join(ROOT, doc), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const spans = [...text.matchAll(/`(portmatrix check [^`]+)`/g)].map((s) => s[1]!);
        for (const t of spans.length > 0 ? spans : [text]) {
          const e = example(doc, i + 1, t);
          if (e) out.push(e);
        }
      });
  }
  return out;
}

// The values of a repeatable option.
const valuesOf = (args: string[], flag: string) => args.flatMap((a, i) => (args[i - 1] === flag ? [a] : []));

describe("the README's and docs' check examples run as written (names replaced by 127.0.0.x)", () => {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, 'window.token'), `${'ab'.repeat(32)}\n`, { mode: 0o600 });
  writeFileSync(path.join(cwd, 'community.txt'), 'public\n', { mode: 0o600 });
  const all = examples();

  it('finds the examples, outbound ones included', () => {
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(all.filter((e) => e.args.includes('outbound')).map((e) => e.doc)).toEqual(
      expect.arrayContaining(['README.md', 'docs/usage.md', 'docs/pre-install.md', 'docs/post-install.md']),
    );
  });

  // Without --format the example runs with --format json added, so what it probed can be read.
  it.each(all.map((e) => [`${e.doc}:${e.line}`, e] as const))('%s', async (_where, e) => {
    const json = !e.args.includes('--format');
    const args = json ? [...e.args, '--format', 'json'] : e.args;
    const r = await runCli(['check', ...args], { env: e.env, cwd });
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
    const output = valuesOf(e.args, '--output')[0];
    if (output) expect(existsSync(path.join(cwd, output))).toBe(true);
    const text = json ? r.stdout : output?.endsWith('.json') ? readFileSync(path.join(cwd, output), 'utf8') : '';
    if (!text) return;
    const report = JSON.parse(text) as Report;
    const peers = new Map(valuesOf(e.args, '--peer').map((p) => p.split('=') as [string, string]));
    const hosts = e.args.filter((a, i) => /^127\./.test(a) && e.args[i - 1]?.startsWith('--') !== true);
    expect(report.summary.probes).toBeGreaterThan(0);
    // Outbound rows went only to their role's --peer host, inbound rows only to the HOSTs.
    for (const x of report.results) {
      if (x.direction === 'outbound') expect([...peers.values()]).toContain(x.host);
      else if (!e.args.includes('--rerun')) expect(hosts).toContain(x.host); // --rerun: the report's hosts
    }
    for (const s of report.skipped ?? []) expect(s.reason).toMatch(/^no host for peer role "([^"]+)"/);
    expect((report.skipped ?? []).filter((s) => peers.has(/"([^"]+)"/.exec(s.reason)![1]!))).toEqual([]);
  });
});
