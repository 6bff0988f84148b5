import type { Argv } from 'yargs';
import { setTimeout as sleep } from 'node:timers/promises';
import { rejectExtraArgs, withCommonOptions, tableFrom, type CommonArgs } from './common-options.js';
import { emit } from './emit.js';
import { intOption, parseOnly } from './parse-options.js';
import { watchInterrupt } from './interrupt.js';
import { tokenFromArgs, withTokenOptions, type TokenArgs } from './token-options.js';
import { startListen } from '../commands/listen.js';
import { InputError } from '../errors.js';
import { checkPidFile, removePidFile, writePidFile } from './pid-file.js';
import { parseAllowList } from '../responder/allow-list.js';
import { directionsOf, rolesIn } from '../table/filter-rows.js';
import type { Direction, PortTable } from '../table/types.js';

interface ListenArgs extends CommonArgs, TokenArgs {
  direction: string;
  bind?: string;
  duration: number;
  portOffset: number;
  allow?: string[];
  only?: string;
  peerRole?: string;
  pidFile?: string;
}

/** Checks --peer-role against the roles of the selected directions (exit 2 before anything binds). */
function peerRoleOf(role: string | undefined, table: PortTable, direction: Direction | 'both'): string | undefined {
  if (role === undefined) return undefined;
  const wanted = role.trim().toLowerCase();
  const roles = [...new Set(directionsOf(direction).flatMap((d) => rolesIn(table.rows, d)))].sort();
  if (!roles.includes(wanted))
    throw new InputError(
      `--peer-role ${role}: no ${direction === 'both' ? '' : `${direction} `}row of the table has the role "${role}"; expected one of ${roles.join(', ')}`,
    );
  return wanted;
}

/** `portmatrix listen`: the responder. */
export const listenCommand = {
  command: 'listen',
  describe: "stand in for the server (or a peer): bind the selected rows' ports and answer probes",
  builder: (y: Argv) =>
    withTokenOptions(withCommonOptions(y), 'shared secret: answers carry an HMAC the checker verifies')
      .option('direction', {
        type: 'string',
        choices: ['inbound', 'outbound', 'both'],
        default: 'inbound',
        describe: 'inbound: stand in for the server; outbound: stand in for a peer',
        requiresArg: true,
      })
      .option('bind', {
        type: 'string',
        describe: 'address to bind (default: every interface, IPv4 and IPv6)',
        requiresArg: true,
      })
      .option('duration', {
        type: 'number',
        default: 600,
        describe: 'seconds to serve, then exit (0: until interrupted)',
        requiresArg: true,
      })
      .option('port-offset', {
        type: 'number',
        default: 0,
        describe: 'bind port+N (no privileges needed for high ports)',
        requiresArg: true,
      })
      .option('allow', {
        type: 'string',
        array: true,
        describe: 'answer only sources in this CIDR (repeatable)',
        requiresArg: true,
      })
      .option('peer-role', {
        type: 'string',
        describe: 'stand in for one role only: the inbound rows coming from ROLE, the outbound rows going to it',
        requiresArg: true,
      })
      .option('only', {
        type: 'string',
        describe: 'only these table ports or row ids, e.g. 22,443,40050-40070,https-aus',
        requiresArg: true,
      })
      .option('pid-file', {
        type: 'string',
        describe: 'write the process id to FILE once every port is bound (removed on exit): for Ansible and scripts',
        requiresArg: true,
      }),
  handler: async (args: ListenArgs) => {
    rejectExtraArgs(args);
    const duration = args.duration;
    if (typeof duration !== 'number' || !Number.isFinite(duration) || duration < 0 || duration > 7 * 24 * 3600) {
      throw new InputError(
        `--duration ${String(duration)}: expected seconds from 0 (until interrupted) to ${7 * 24 * 3600}`,
      );
    }
    const token = tokenFromArgs(args);
    const table = tableFrom(args);
    if (args.pidFile) checkPidFile(args.pidFile);
    const interrupt = watchInterrupt();
    try {
      const running = await startListen({
        table,
        apps: args.app ?? [],
        direction: args.direction as Direction | 'both',
        only: parseOnly(args.only, table),
        peerRole: peerRoleOf(args.peerRole, table, args.direction as Direction | 'both'),
        bind: args.bind,
        portOffset: intOption('port-offset', args.portOffset, -65534, 65534),
        token,
        allow: parseAllowList(args.allow),
      });
      emit({ kind: 'report', report: running.report }, args);
      if (args.pidFile)
        await writePidFile(args.pidFile).catch(async (err: unknown) => {
          await running.close();
          throw err;
        });
      const bound = new Set(
        running.report.results.filter((r) => r.state === 'bound').map((r) => `${r.protocol}/${r.port}`),
      ).size;
      process.stderr.write(
        `listening on ${bound} port(s)${duration ? ` for ${duration} s` : ' until interrupted'}; Ctrl-C stops\n`,
      );
      await sleep(duration === 0 ? 2 ** 31 - 1 : duration * 1000, undefined, { signal: interrupt.stop }).catch(
        () => undefined,
      );
      await running.close();
      const s = running.stats;
      process.stderr.write(
        `stopped: answered ${s.answered}, busy ${s.busy}, dropped ${s.dropped} malformed, refused ${s.refused} (allow list or limits)\n`,
      );
      if (interrupt.interrupted()) return 130;
      return running.report.rows.some((r) => r.verdict !== 'pass') ? 1 : 0;
    } finally {
      interrupt.dispose();
      if (args.pidFile) removePidFile(args.pidFile);
    }
  },
};
