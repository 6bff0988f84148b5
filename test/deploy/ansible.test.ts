import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir, writeTable } from '../helpers/cli.js';
import { has } from '../helpers/daemons.js';
import { CLI, TestLan, netnsUnavailable } from '../support/netns.mjs';
import type { Report } from '../../src/model/report.js';

const SSHD = '/usr/sbin/sshd';
// Why the fleet test cannot run here, in one line; undefined when it can.
function unavailable(): string | undefined {
  const ns = netnsUnavailable();
  if (ns) return `network namespaces unavailable (${ns})`;
  if (!has('ansible-playbook')) return 'ansible-playbook is not installed (apt-get install ansible-core)';
  if (!existsSync(SSHD) || !has('ssh-keygen')) return 'sshd is not installed (apt-get install openssh-server)';
  return undefined;
}
const why = unavailable();
if (why) console.warn(`SKIP fleet playbook: ${why}`);

const PLAYBOOK = path.join(ROOT, 'deploy', 'ansible', 'portmatrix.yml');
const row = (id: string, ports: number[], protocol = 'tcp') => ({
  id,
  service: id,
  application: 'Fleet',
  ports,
  protocol,
  inbound: true,
  outbound: false,
});
const TABLE = {
  product: 'fleet e2e',
  rows: [row('https', [443]), row('web', [1741]), row('syslog', [514], 'udp'), row('pair', [40050, 40051])],
};
const SERVERS = ['srv1', 'srv2'];
const CLIENTS = ['cli1', 'cli2'];
// The firewall's truth: the cells the rules below block; every other (row, client, server) passes.
const BLOCKED = new Set(['web cli2→srv1', 'syslog cli1→srv2', 'syslog cli2→srv2', 'pair cli1→srv2']);
const truth = () =>
  Object.fromEntries(
    TABLE.rows.flatMap((r) =>
      CLIENTS.flatMap((c) =>
        SERVERS.map((s) => [`${r.id} ${c}→${s}`, BLOCKED.has(`${r.id} ${c}→${s}`) ? 'fail' : 'pass']),
      ),
    ),
  );

// Runs a program to completion, collecting its output.
function run(argv: string[], env: NodeJS.ProcessEnv, timeoutMs: number) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { env });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(t);
      resolve({ code: code ?? 99, out });
    });
  });
}

describe.skipIf(!!why)('deploy/ansible/portmatrix.yml: a fleet of namespaces, over SSH and locally', () => {
  const lan = new TestLan(['ctl', ...SERVERS, ...CLIENTS]);
  const dir = tempDir('portmatrix-fleet-');
  const at = (...p: string[]) => path.join(dir, ...p);
  let table: string;
  const cells = (r: Report) => Object.fromEntries(r.rows.map((x) => [`${x.id} ${x.from}→${x.host}`, x.verdict]));

  beforeAll(async () => {
    lan.up();
    table = writeTable(TABLE);
    writeFileSync(at('token'), randomBytes(16).toString('hex'), { mode: 0o600 });
    const v4 = (n: string) => lan.host(n).v4;
    lan.nft(
      'srv1',
      `table inet pmx { chain input { type filter hook input priority 0; policy accept;
        ip saddr ${v4('cli2')} tcp dport 1741 drop
      }
    }`,
    );
    lan.nft(
      'srv2',
      `table inet pmx { chain input { type filter hook input priority 0; policy accept;
        udp dport 514 drop
        ip saddr ${v4('cli1')} tcp dport 40051 reject with tcp reset
      }
    }`,
    );
    // Keys made here: one client key for the controller, one host key per sshd, a known_hosts naming each.
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', at('id')]);
    const known: string[] = [];
    for (const name of [...SERVERS, ...CLIENTS]) {
      const h = lan.host(name);
      const key = at(`host-${name}`);
      spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
      known.push(`${h.v4} ${readFileSync(`${key}.pub`, 'utf8').trim()}`);
      writeFileSync(
        at(`sshd-${name}.conf`),
        [
          `ListenAddress ${h.v4}:22`,
          `HostKey ${key}`,
          `PidFile ${at(`sshd-${name}.pid`)}`,
          `AuthorizedKeysFile ${at('id.pub')}`,
          'PermitRootLogin prohibit-password',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'UsePAM no',
          'StrictModes no',
          'PrintLastLog no',
          'Subsystem sftp internal-sftp',
          '',
        ].join('\n'),
      );
      // sshd wants /run/sshd: a private tmpfs on /run in its own mount namespace leaves the machine's /run alone.
      await lan.start(
        name,
        [
          'unshare',
          '-m',
          '--propagation',
          'private',
          'sh',
          '-c',
          'mount -t tmpfs -o mode=755 pmx /run && mkdir -m 755 /run/sshd && ' +
            `exec ${SSHD} -D -e -f ${at(`sshd-${name}.conf`)}`,
        ],
        /Server listening/,
      );
    }
    writeFileSync(at('known_hosts'), `${known.join('\n')}\n`);
    for (const d of ['home', 'local', 'remote', 'async', 'cp', 'hosts-tmp']) mkdirSync(at(d));
    writeFileSync(
      at('ansible.cfg'),
      [
        '[defaults]',
        `home = ${at('home')}`,
        `local_tmp = ${at('local')}`,
        'host_key_checking = True',
        'interpreter_python = /usr/bin/python3',
        'forks = 8',
        'retry_files_enabled = False',
        'nocolor = True',
        '[ssh_connection]',
        `control_path_dir = ${at('cp')}`,
        'ssh_args = -F /dev/null -o ControlMaster=auto -o ControlPersist=20s ' +
          `-o UserKnownHostsFile=${at('known_hosts')} ` +
          '-o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes',
        'pipelining = True',
        '',
      ].join('\n'),
    );
  }, 120000);
  afterAll(() => lan.down());

  // An inventory: every host's address, where Ansible may write on it, and how portmatrix runs there.
  const inventory = (file: string, local: boolean) => {
    const host = (n: string) =>
      local
        ? `${n} ansible_connection=local portmatrix_cli="ip netns exec ${lan.host(n).ns} ${process.execPath} ${CLI}"`
        : `${n} ansible_host=${lan.host(n).v4}`;
    writeFileSync(
      file,
      [
        '[portmatrix_servers]',
        ...SERVERS.map(host),
        '[portmatrix_clients]',
        ...CLIENTS.map(host),
        '[all:vars]',
        'ansible_user=root',
        `ansible_ssh_private_key_file=${at('id')}`,
        `ansible_remote_tmp=${at('remote')}`,
        `ansible_async_dir=${at('async')}`,
        `portmatrix_remote_tmp=${at('hosts-tmp')}`,
        ...(local ? [] : [`portmatrix_cli="${process.execPath} ${CLI}"`]),
        '',
      ].join('\n'),
    );
    return file;
  };
  const playbook = (inv: string, reports: string, extra: string[], inNamespace: boolean) => {
    const argv = [
      'ansible-playbook',
      '-i',
      inv,
      PLAYBOOK,
      '-e',
      `portmatrix_merge_cli="${process.execPath} ${CLI}"`,
      '-e',
      `portmatrix_report_dir=${reports}`,
      '-e',
      `portmatrix_token_file=${at('token')}`,
      '-e',
      'portmatrix_duration=120',

      ...extra,
    ];
    const env = { ...process.env, HOME: at('home'), ANSIBLE_CONFIG: at('ansible.cfg'), NO_COLOR: '1' };
    return run(inNamespace ? ['ip', 'netns', 'exec', lan.host('ctl').ns, ...argv] : argv, env, 400000);
  };
  const responders = () =>
    SERVERS.map((s) =>
      spawnSync('ip', ['netns', 'exec', lan.host(s).ns, 'ss', '-Hlntu', 'sport = :443 or sport = :514'], {
        encoding: 'utf8',
      }).stdout.trim(),
    );

  it('over SSH: fleet.json equals the firewall, the gate fails the play, responders are stopped', async () => {
    const reports = at('ssh-reports');
    const r = await playbook(
      inventory(at('inventory-ssh.ini'), false),
      reports,
      [
        '-e',
        `portmatrix_check_args="--timeout 1000 --ports ${table}"`,
        '-e',
        `portmatrix_listen_args="--ports ${table}"`,
      ],
      true,
    );
    expect(r.out).toMatch(/the fleet matrix has failing rows/);
    expect(r.code).toBe(2);
    const fleet = JSON.parse(readFileSync(path.join(reports, 'fleet.json'), 'utf8')) as Report;
    expect(cells(fleet)).toEqual(truth());
    expect(fleet.command).toBe('merge');
    expect(fleet.results.filter((x) => x.protocol === 'udp' && x.verdict === 'pass').every((x) => x.verified)).toBe(
      true,
    );
    expect(readdirSync(reports).sort()).toEqual(['cli1.json', 'cli2.json', 'fleet.json']);
    expect(responders()).toEqual(['', '']);
    expect(readdirSync(at('hosts-tmp'))).toEqual([]);
  }, 420000);

  it('with the local connection (portmatrix_cli enters each namespace): the same matrix; no gate, exit 0', async () => {
    const reports = at('local-reports');
    const r = await playbook(
      inventory(at('inventory-local.ini'), true),
      reports,
      [
        '-e',
        'portmatrix_gate=false',
        '-e',
        `portmatrix_table=${table}`,
        '-e',
        'portmatrix_check_args="--timeout 1000"',
      ],
      false,
    );
    expect(r.code, r.out).toBe(0);
    const fleet = JSON.parse(readFileSync(path.join(reports, 'fleet.json'), 'utf8')) as Report;
    expect(cells(fleet)).toEqual(truth());
    expect(responders()).toEqual(['', '']);
    expect(readdirSync(at('hosts-tmp'))).toEqual([]);
  }, 420000);
});
