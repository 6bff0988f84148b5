import type { Argv } from 'yargs';
import { withCommonOptions, tableFrom, type CommonArgs } from './common-options.js';
import { emit } from './emit.js';
import { intOption, parseOnly, parsePeers } from './parse-options.js';
import { progressReporter } from './progress.js';
import { watchInterrupt } from './interrupt.js';
import { exitCodeOf } from './exit-code.js';
import { runCheck, type CheckOptions } from '../commands/check.js';
import { DEFAULT_RATE_LIMIT_BUDGET_MS } from '../probe/run-probes.js';
import { planRerun } from './rerun.js';
import { snmpCommunityFrom, withSnmpCommunityOptions } from './snmp-community.js';
import { useSnmpCommunity } from '../probe/udp-payloads.js';
import { rerunChanges, rerunNotes } from '../verdict/rerun-changes.js';
import type { Report } from '../report/types.js';
import { tokenFromArgs, withTokenOptions, type TokenArgs } from './token-options.js';
import { InputError } from '../errors.js';
import { rolesIn } from '../table/filter-rows.js';
import type { Direction, PortTable } from '../table/types.js';

interface CheckArgs extends CommonArgs, TokenArgs {
  hosts?: string[];
  direction: string;
  peer?: string[];
  only?: string;
  as?: string;
  concurrency: number;
  timeout: number;
  retries: number;
  rateLimitBudget: number;
  portOffset: number;
  strict: boolean;
  adaptive: boolean;
  from?: string;
  rerun?: string;
  snmpCommunity?: string;
  snmpCommunityFile?: string;
}

/** Adds the probing options shared by check. */
function checkOptions(y: Argv) {
  return withTokenOptions(
    withSnmpCommunityOptions(withCommonOptions(y)),
    "the responder's shared secret: answers are verified",
  )
    .positional('hosts', { type: 'string', array: true, describe: 'hosts to probe (names, IPv4, IPv6)' })
    .option('direction', {
      type: 'string',
      choices: ['inbound', 'outbound', 'both'],
      default: 'inbound',
      describe: 'which rows: traffic to the server (inbound) or from it (outbound)',
      requiresArg: true,
    })
    .option('peer', {
      type: 'string',
      array: true,
      describe: 'ROLE=HOST: outbound rows whose peer is ROLE go to HOST (repeatable)',
      requiresArg: true,
    })
    .option('only', {
      type: 'string',
      describe: 'only these table ports or row ids, e.g. 22,443,40050-40070,https-aus',
      requiresArg: true,
    })
    .option('rerun', {
      type: 'string',
      describe: 'REPORT.json of an earlier check: probe again only its rows that did not pass, same hosts and options',
      requiresArg: true,
    })
    .option('as', {
      type: 'string',
      describe: 'ROLE this host plays (client, device, server, …): only the inbound rows whose traffic comes from it',
      requiresArg: true,
    })
    .option('concurrency', { type: 'number', default: 128, describe: 'probes in flight at once', requiresArg: true })
    .option('timeout', {
      type: 'number',
      default: 2000,
      describe: 'ms to wait for an answer, per attempt (the ceiling of the adaptive timeout)',
      requiresArg: true,
    })
    .option('retries', {
      type: 'number',
      default: 1,
      describe: 'UDP resends after silence (the least: loss measured on the path may ask for more)',
      requiresArg: true,
    })
    .option('rate-limit-budget', {
      type: 'number',
      default: DEFAULT_RATE_LIMIT_BUDGET_MS / 1000,
      describe: 'seconds to keep confirming silent UDP ports of a host that rate-limits its ICMP errors',
      requiresArg: true,
    })
    .option('port-offset', {
      type: 'number',
      default: 0,
      describe: 'probe port+N (pairs with listen --port-offset)',
      requiresArg: true,
    })
    .option('from', {
      type: 'string',
      describe: 'name of this probing host: results carry it as "from" (portmatrix merge keeps each client apart)',
      requiresArg: true,
    })
    .option('strict', { type: 'boolean', default: false, describe: 'unknown (open|filtered) fails the exit code' })
    .option('adaptive', {
      type: 'boolean',
      default: true,
      describe:
        "learn each host's round trip and stop waiting for silent ports sooner (--no-adaptive: always wait the full timeout)",
    });
}

/** Checks --from: a non-empty name of printable characters, at most 253 of them (a DNS name's limit). */
export function fromName(flag: string | undefined): string | undefined {
  if (flag === undefined) return undefined;
  if (flag.length === 0 || flag.length > 253 || /[\u0000-\u001f\u007f]/.test(flag))
    throw new InputError(
      `--from ${JSON.stringify(flag)}: expected the probing host's name (1 to 253 printable characters)`,
    );
  return flag;
}

/** Checks --as against the roles the table's inbound rows come from. */
export function asRole(role: string | undefined, table: PortTable): string | undefined {
  if (role === undefined) return undefined;
  const roles = rolesIn(table.rows, 'inbound');
  const wanted = role.trim().toLowerCase();
  if (!roles.includes(wanted))
    throw new InputError(
      `--as ${role}: no inbound row of the table comes from "${role}"; expected one of ${roles.join(', ')}`,
    );
  return wanted;
}

// check --rerun REPORT.json: the earlier report's failing rows, hosts and options; what changed since.
async function rerunCheck(args: CheckArgs): Promise<number> {
  if ((args.hosts ?? []).length > 0 || (args.peer ?? []).length > 0)
    throw new InputError('check --rerun: the hosts come from the report; expected no HOST and no --peer');
  const table = tableFrom(args);
  const rerun = planRerun(args.rerun!, table);
  const token = tokenFromArgs(args);
  if (rerun.verified && token === undefined)
    throw new InputError(`--rerun ${args.rerun}: that run verified answers with a token; give the same token`);
  if (rerun.empty) {
    process.stderr.write(`portmatrix: every row of ${args.rerun} passed; nothing to check again\n`);
    return 0;
  }
  const options = {
    ...rerun.options,
    table,
    apps: args.app ?? [],
    only: parseOnly(args.only, table),
    token,
    rateLimitBudgetMs: intOption('rate-limit-budget', args.rateLimitBudget, 0, 3600) * 1000,
  };
  return probeAndEmit(args, options, (report) => {
    report.rerun = rerunChanges(args.rerun!, rerun.before, report);
    report.notes = [...(report.notes ?? []), ...rerunNotes(report.rerun)];
  });
}

// Runs the check with progress and interruption, emits the report, returns the exit code.
async function probeAndEmit(
  args: CheckArgs,
  opts: Omit<CheckOptions, 'stopSignal' | 'signal' | 'onProgress'>,
  finish: (report: Report) => void = () => {},
): Promise<number> {
  useSnmpCommunity(snmpCommunityFrom(args.snmpCommunity, args.snmpCommunityFile));
  const progress = progressReporter(args.quiet ?? false);
  const interrupt = watchInterrupt();
  try {
    const report = await runCheck({
      ...opts,
      stopSignal: interrupt.stop,
      signal: interrupt.abort,
      onProgress: progress.update,
    });
    progress.clear();
    if (interrupt.interrupted()) report.incomplete = true;
    finish(report);
    emit({ kind: 'report', report }, args);
    return interrupt.interrupted() ? 130 : exitCodeOf(report, args.strict);
  } finally {
    interrupt.dispose();
  }
}

/** `portmatrix check HOST...`. */
export const checkCommand = {
  command: 'check [hosts..]',
  describe: "probe the selected rows' ports on each HOST and print the pass/fail matrix",
  builder: checkOptions,
  handler: async (args: CheckArgs) => {
    if (args.rerun !== undefined) return rerunCheck(args);
    const peers = parsePeers(args.peer);
    const hosts = args.hosts ?? [];
    if (hosts.length === 0 && peers.size === 0)
      throw new InputError('check: expected at least one HOST (or --peer ROLE=HOST for outbound rows)');
    if (hosts.length === 0 && args.direction !== 'outbound')
      throw new InputError(`check: --direction ${args.direction} needs at least one HOST`);
    const token = tokenFromArgs(args);
    const table = tableFrom(args);
    return probeAndEmit(args, {
      table,
      apps: args.app ?? [],
      hosts,
      peers,
      direction: args.direction as Direction | 'both',
      only: parseOnly(args.only, table),
      as: asRole(args.as, table),
      portOffset: intOption('port-offset', args.portOffset, -65534, 65534),
      concurrency: intOption('concurrency', args.concurrency, 1, 65536),
      timeoutMs: intOption('timeout', args.timeout, 1, 600000),
      retries: intOption('retries', args.retries, 0, 10),
      rateLimitBudgetMs: intOption('rate-limit-budget', args.rateLimitBudget, 0, 3600) * 1000,
      token,
      adaptive: args.adaptive,
      from: fromName(args.from),
    });
  },
};
