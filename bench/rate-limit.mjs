// rate-limit: 30 closed UDP ports on a server namespace that keeps the kernel's default ICMP rate limits
// (net.ipv4.icmp_ratelimit 1000 ms after a burst of 6). portmatrix with its defaults vs nmap -sU: how many
// ports each calls closed, and how long it takes. Runs alternate, with a pause so the host's ICMP tokens
// refill between them.
import { setTimeout as sleep } from 'node:timers/promises';
import { ADDR, TestNet, netnsUnavailable } from '../test/support/netns.mjs';
import { nmapStates } from '../test/support/table-bed.mjs';
import { checkArgv, inboundRow, nmapVersion, report, run, tableFile } from './lib/measure.mjs';

const why = netnsUnavailable();
if (why) {
  process.stdout.write(`rate-limit bench skipped: ${why}\n`);
  process.exit(0);
}
const RUNS = Number(process.env.PMX_BENCH_RUNS ?? 3);
const FROM = 41000,
  COUNT = 30;
const ports = Array.from({ length: COUNT }, (_, i) => FROM + i);
const table = tableFile('rate-limit', [inboundRow('closed-udp', `${FROM}-${FROM + COUNT - 1}`, 'udp')]);
const REFILL_MS = 7000;

const net = new TestNet({ icmpLimits: 'default' });
const rows = [];
try {
  net.up();
  for (let i = 0; i < RUNS; i++) {
    await sleep(REFILL_MS);
    const pm = await run(checkArgv([ADDR.server4], table), { ns: net.client });
    const results = JSON.parse(pm.stdout).results;
    const closed = results.filter((r) => r.state === 'closed').length;
    rows.push({ tool: 'portmatrix check (defaults)', run: i + 1, closed: `${closed}/${COUNT}`, wallMs: pm.ms });
    if (nmapVersion()) {
      await sleep(REFILL_MS);
      const u = await run(['nmap', '-sU', '-n', '-Pn', '-oG', '-', '-p', ports.join(','), ADDR.server4], {
        ns: net.client,
      });
      const n = [...nmapStates(u.stdout, 'udp', ports).values()].filter((s) => s === 'closed').length;
      rows.push({ tool: 'nmap -sU', run: i + 1, closed: `${n}/${COUNT}`, wallMs: u.ms });
    }
  }
  report('rate-limit', rows, {
    icmp: 'server namespace keeps the kernel defaults (net.ipv4.icmp_ratelimit=1000, icmp_msgs_per_sec=1000)',
    target: '>= 29 closed, wall <= nmap -sU',
  });
} finally {
  net.down();
}
