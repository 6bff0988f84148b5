// A WAN path between two test namespaces: delay and jitter from a user-space relay between two TUN
// devices (this kernel has no netem), loss from nftables `numgen` in the server namespace (input for
// requests, postrouting for replies; never in the prober's own output hook, where a drop is EPERM).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADDR, TestNet, sh } from './netns.mjs';

const RELAY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'wan-relay.py');

/** Why the WAN bed cannot run here (beyond netnsUnavailable), or undefined when it can. */
export function wanUnavailable() {
  if (spawnSync('python3', ['-c', 'import ctypes, fcntl'], { stdio: 'ignore' }).status !== 0)
    return 'python3 is not installed (the delay relay is a python3 script)';
  if (spawnSync('sh', ['-c', 'test -c /dev/net/tun'], { stdio: 'ignore' }).status !== 0) return 'no /dev/net/tun';
  return undefined;
}

/**
 * Client and server namespaces joined by TUN devices and the delay relay. Options: delayMs and jitterMs
 * (each way, uniform), lossPct (each way), icmpLimits ('lifted' or 'default', as TestNet).
 */
export class WanNet extends TestNet {
  constructor(options = {}) {
    super(options);
    this.delayMs = options.delayMs ?? 0;
    this.jitterMs = options.jitterMs ?? 0;
    this.lossPct = options.lossPct ?? 0;
    const tag = this.client.slice(4, 12);
    this.tun = { client: `pt${tag}c`, server: `pt${tag}s` };
  }

  /** Two persistent TUN devices, one in each namespace, with the usual test addresses. */
  link() {
    for (const [ns, dev, a4, a6] of [
      [this.client, this.tun.client, ADDR.client4, ADDR.client6],
      [this.server, this.tun.server, ADDR.server4, ADDR.server6],
    ]) {
      sh(['ip', '-n', ns, 'tuntap', 'add', 'dev', dev, 'mode', 'tun']);
      sh(['ip', '-n', ns, 'addr', 'add', `${a4}/24`, 'dev', dev]);
      sh(['ip', '-n', ns, '-6', 'addr', 'add', `${a6}/64`, 'dev', dev, 'nodad']);
      sh(['ip', '-n', ns, 'link', 'set', dev, 'up']);
    }
  }

  /** Brings the bed up: namespaces, TUN devices, the relay (running before this resolves), the loss rules. */
  async open() {
    this.up();
    const argv = [
      'python3',
      RELAY,
      this.client,
      this.tun.client,
      this.server,
      this.tun.server,
      String(this.delayMs),
      String(this.jitterMs),
    ];
    // The relay enters both namespaces itself (setns); it is started from the host's.
    const { spawn } = await import('node:child_process');
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.add(child);
    await new Promise((resolve, reject) => {
      let seen = '';
      const on = (d) => {
        seen += d;
        if (/ready/.test(seen)) resolve(undefined);
      };
      child.stdout.on('data', on);
      child.stderr.on('data', on);
      child.once('exit', (code) => reject(new Error(`wan relay exited ${code}: ${seen}`)));
    });
    if (this.lossPct > 0) this.setLoss(this.lossPct);
    return this;
  }

  /** Drops lossPct % of the packets each way, in the server namespace. */
  setLoss(pct) {
    const dev = this.tun.server;
    this.nft(
      this.server,
      [
        'table inet pmx_loss {',
        '  chain in { type filter hook input priority -300; policy accept;',
        `    iifname "${dev}" numgen random mod 100 < ${pct} drop\n  }`,
        '  chain post { type filter hook postrouting priority 300; policy accept;',
        `    oifname "${dev}" numgen random mod 100 < ${pct} drop\n  }`,
        '}',
      ].join('\n'),
    );
  }
}
