import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI. */
export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');

/** Addresses of the two test hosts; private ranges that exist only inside the namespaces. */
export const ADDR = { client4: '10.211.0.1', server4: '10.211.0.2', client6: 'fd00:211::1', server6: 'fd00:211::2' };

/** Why network-namespace tests cannot run here, or undefined when they can. */
export function netnsUnavailable() {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not root';
  if (spawnSync('sh', ['-c', 'command -v ip && command -v nft'], { stdio: 'ignore' }).status !== 0)
    return 'ip (iproute2) or nft (nftables) is not installed';
  const name = `pmxprobe${randomBytes(3).toString('hex')}`;
  const ok = spawnSync('ip', ['netns', 'add', name], { encoding: 'utf8' });
  if (ok.status !== 0) return `ip netns add failed: ${ok.stderr.trim()}`;
  spawnSync('ip', ['netns', 'del', name]);
  return undefined;
}

/** Runs a command, throwing with its stderr when it fails. */
export function sh(args, input) {
  const r = spawnSync(args[0], args.slice(1), { encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** Two namespaces, client and server, joined by a veth pair with IPv4 and IPv6. */
export class TestNet {
  children = new Set();

  /** options.icmpLimits: 'lifted' (default) or 'default' (the kernel's defaults on the server). */
  constructor(options = {}) {
    this.options = options;
    const tag = `${process.pid.toString(36)}${randomBytes(2).toString('hex')}`;
    this.client = `pmx-${tag}-c`;
    this.server = `pmx-${tag}-s`;
  }

  /** Removes namespaces left by test processes that no longer exist (killed before cleanup). */
  static sweepStale() {
    const list = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
    for (const m of list.matchAll(/^(pmx-([0-9a-z]+)[0-9a-f]{4}-[a-z0-9])\b/gm)) {
      const pid = parseInt(m[2], 36);
      let alive = true;
      try {
        process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (!alive) {
        spawnSync('ip', ['netns', 'del', m[1]]);
        rmSync(path.join('/etc/netns', m[1]), { recursive: true, force: true });
      }
    }
  }

  /**
   * Creates both hosts and the link between them; gives each a resolver on its own loopback. ICMP rate limits
   * are lifted inside both, unless `icmpLimits: 'default'` keeps the kernel's defaults on the server.
   */
  up() {
    TestNet.sweepStale();
    sh(['ip', 'netns', 'add', this.client]);
    sh(['ip', 'netns', 'add', this.server]);
    this.link();
    for (const ns of [this.client, this.server]) {
      sh(['ip', '-n', ns, 'link', 'set', 'lo', 'up']);
      if (ns === this.client || this.options.icmpLimits !== 'default')
        sh([
          'ip',
          'netns',
          'exec',
          ns,
          'sysctl',
          '-qw',
          'net.ipv4.icmp_ratelimit=0',
          'net.ipv6.icmp.ratelimit=0',
          'net.ipv4.icmp_msgs_per_sec=100000',
        ]);
      // ip netns exec bind-mounts /etc/netns/NS/*: names resolve locally, DNS goes to the namespace's own loopback.
      const etc = path.join('/etc/netns', ns);
      mkdirSync(etc, { recursive: true });
      writeFileSync(path.join(etc, 'resolv.conf'), 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
      writeFileSync(
        path.join(etc, 'hosts'),
        [
          '127.0.0.1 localhost',
          `${ADDR.client4} client.pmx.test`,
          `${ADDR.server4} server.pmx.test`,
          `${ADDR.client6} client6.pmx.test`,
          `${ADDR.server6} server6.pmx.test`,
          `${ADDR.server4} multi.pmx.test`,
          `${ADDR.server6} multi.pmx.test`,
          '',
        ].join('\n'),
      );
    }
    return this;
  }

  /** Joins the two namespaces with a veth pair and gives each end its addresses. */
  link() {
    const [c, s] = [this.client, this.server];
    const vc = `pm${c.slice(4, 12)}c`,
      vs = `pm${c.slice(4, 12)}s`;
    sh(['ip', 'link', 'add', vc, 'type', 'veth', 'peer', 'name', vs]);
    sh(['ip', 'link', 'set', vc, 'netns', c]);
    sh(['ip', 'link', 'set', vs, 'netns', s]);
    for (const [ns, dev, a4, a6] of [
      [c, vc, ADDR.client4, ADDR.client6],
      [s, vs, ADDR.server4, ADDR.server6],
    ]) {
      sh(['ip', '-n', ns, 'addr', 'add', `${a4}/24`, 'dev', dev]);
      sh(['ip', '-n', ns, '-6', 'addr', 'add', `${a6}/64`, 'dev', dev, 'nodad']);
      sh(['ip', '-n', ns, 'link', 'set', dev, 'up']);
    }
  }

  /** Loads an nftables ruleset into a namespace. */
  nft(ns, ruleset) {
    sh(['ip', 'netns', 'exec', ns, 'nft', '-f', '-'], ruleset);
  }

  /** Runs the CLI inside a namespace. */
  cli(ns, args, timeoutMs = 60000) {
    return new Promise((resolve) => {
      const child = spawn('ip', ['netns', 'exec', ns, process.execPath, CLI, ...args], {
        env: { ...process.env, NO_COLOR: '1' },
      });
      let stdout = '',
        stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('close', (code) => {
        clearTimeout(t);
        resolve({ code: code ?? 99, stdout, stderr });
      });
    });
  }

  /** Starts a long-running program inside a namespace; resolves once its stderr or stdout shows `ready`. */
  start(ns, argv, ready, timeoutMs = 10000) {
    const child = spawn('ip', ['netns', 'exec', ns, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.add(child);
    return new Promise((resolve, reject) => {
      let seen = '';
      const t = setTimeout(
        () => reject(new Error(`not ready after ${timeoutMs} ms: ${argv.join(' ')}\n${seen}`)),
        timeoutMs,
      );
      const on = (d) => {
        seen += d;
        if (ready.test(seen)) {
          clearTimeout(t);
          resolve(child);
        }
      };
      child.stdout.on('data', on);
      child.stderr.on('data', on);
      child.once('exit', (code) => {
        clearTimeout(t);
        reject(new Error(`exited ${code}: ${argv.join(' ')}\n${seen}`));
      });
    });
  }

  /** Starts plain TCP listeners and UDP echo sockets inside a namespace (all addresses, dual stack). */
  sockets(ns, tcp, udp) {
    const code =
      "const net=require('net'),dgram=require('dgram');" +
      `for(const p of ${JSON.stringify(tcp)})net.createServer(s=>s.on('error',()=>{})).listen(p,'::');` +
      `for(const p of ${JSON.stringify(udp)}){const u=dgram.createSocket('udp6');` +
      "u.on('message',(m,r)=>u.send(m,r.port,r.address));u.bind(p,'::')}" +
      "setTimeout(()=>console.log('ready'),200);setInterval(()=>{},1e6)";
    return this.start(ns, [process.execPath, '-e', code], /ready/);
  }

  /** Stops everything started and removes both namespaces (and their /etc/netns files). */
  down() {
    for (const c of this.children) c.kill('SIGKILL');
    for (const ns of [this.client, this.server]) {
      spawnSync('ip', ['netns', 'del', ns]);
      rmSync(path.join('/etc/netns', ns), { recursive: true, force: true });
    }
  }
}

/** Three or more hosts on one switch (a bridge in a namespace of its own), IPv4 and IPv6. */
export class TestLan {
  children = new Set();

  /** names: e.g. ['server', 'client', 'peer']; host i gets 10.212.0.(i+1) and fd00:212::(i+1). */
  constructor(names) {
    this.tag = `${process.pid.toString(36)}${randomBytes(2).toString('hex')}`;
    this.switch = `pmx-${this.tag}-b`;
    this.hosts = names.map((name, i) => ({
      name,
      ns: `pmx-${this.tag}-${i}`,
      v4: `10.212.0.${i + 1}`,
      v6: `fd00:212::${i + 1}`,
    }));
  }

  /** The host record for a name. */
  host(name) {
    return this.hosts.find((h) => h.name === name);
  }

  up() {
    TestNet.sweepStale();
    sh(['ip', 'netns', 'add', this.switch]);
    sh(['ip', '-n', this.switch, 'link', 'add', 'br0', 'type', 'bridge']);
    sh(['ip', '-n', this.switch, 'link', 'set', 'br0', 'up']);
    this.hosts.forEach((h, i) => {
      const a = `pm${this.tag.slice(0, 8)}h${i}`,
        b = `pm${this.tag.slice(0, 8)}b${i}`;
      sh(['ip', 'netns', 'add', h.ns]);
      sh(['ip', 'link', 'add', a, 'type', 'veth', 'peer', 'name', b]);
      sh(['ip', 'link', 'set', a, 'netns', h.ns]);
      sh(['ip', 'link', 'set', b, 'netns', this.switch]);
      sh(['ip', '-n', this.switch, 'link', 'set', b, 'master', 'br0']);
      sh(['ip', '-n', this.switch, 'link', 'set', b, 'up']);
      sh(['ip', '-n', h.ns, 'addr', 'add', `${h.v4}/24`, 'dev', a]);
      sh(['ip', '-n', h.ns, '-6', 'addr', 'add', `${h.v6}/64`, 'dev', a, 'nodad']);
      sh(['ip', '-n', h.ns, 'link', 'set', a, 'up']);
      sh(['ip', '-n', h.ns, 'link', 'set', 'lo', 'up']);
      sh(['ip', 'netns', 'exec', h.ns, 'sysctl', '-qw', 'net.ipv4.icmp_ratelimit=0', 'net.ipv6.icmp.ratelimit=0']);
      const etc = path.join('/etc/netns', h.ns);
      mkdirSync(etc, { recursive: true });
      writeFileSync(path.join(etc, 'resolv.conf'), 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
      writeFileSync(
        path.join(etc, 'hosts'),
        `127.0.0.1 localhost\n${this.hosts.map((x) => `${x.v4} ${x.name}`).join('\n')}\n`,
      );
    });
    return this;
  }

  nft(name, ruleset) {
    sh(['ip', 'netns', 'exec', this.host(name).ns, 'nft', '-f', '-'], ruleset);
  }

  cli(name, args, timeoutMs) {
    return TestNet.prototype.cli.call(this, this.host(name).ns, args, timeoutMs);
  }

  start(name, argv, ready, timeoutMs) {
    return TestNet.prototype.start.call(this, this.host(name).ns, argv, ready, timeoutMs);
  }

  down() {
    for (const c of this.children) c.kill('SIGKILL');
    for (const ns of [...this.hosts.map((h) => h.ns), this.switch]) {
      spawnSync('ip', ['netns', 'del', ns]);
      rmSync(path.join('/etc/netns', ns), { recursive: true, force: true });
    }
  }
}
