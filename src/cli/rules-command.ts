import type { Argv } from 'yargs';
import { tableFrom } from './common-options.js';
import { parseOnly, parsePeers } from './parse-options.js';
import { buildRuleSet } from '../commands/rules.js';
import { DIALECTS, DIALECT_NAMES } from '../rules/dialects.js';
import { writeAtomic } from '../report/write-atomic.js';
import type { Direction } from '../table/types.js';
import { InputError } from '../errors.js';

interface RulesArgs {
  report?: string;
  dialect: string;
  failedOnly: boolean;
  ports?: string;
  app?: string[];
  direction: string;
  only?: string;
  server?: string | string[];
  peer?: string[];
  format: string;
  output?: string;
}

// "10.0.0.1,10.0.0.2" in one value, or the option repeated.
const split = (values: string | readonly string[]) =>
  [values]
    .flat()
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

// The options of `rules`.
function rulesOptions(y: Argv) {
  return y
    .positional('report', { type: 'string', describe: 'a JSON report of check or matrix (else: the table)' })
    .option('dialect', {
      type: 'string',
      choices: DIALECT_NAMES,
      demandOption: true,
      requiresArg: true,
      describe: 'firewall dialect',
    })
    .option('failed-only', {
      type: 'boolean',
      default: true,
      describe: 'from a report: only what did not pass (--no-failed-only: every result, for a change request)',
    })
    .option('ports', { type: 'string', requiresArg: true, describe: 'the port table the report was made with' })
    .option('app', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: 'only rows of this application (repeatable)',
    })
    .option('direction', {
      type: 'string',
      choices: ['inbound', 'outbound', 'both'],
      default: 'both',
      requiresArg: true,
      describe: 'without a report: which rows',
    })
    .option('only', { type: 'string', requiresArg: true, describe: 'only these table ports or row ids' })
    .option('server', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: "the product server's addresses: IP or CIDR, comma-separated",
    })
    .option('peer', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: 'ROLE=ADDR[,ADDR]: addresses of a role (client, device, server, aaa, …)',
    })
    .option('format', {
      type: 'string',
      choices: ['text', 'json'],
      default: 'text',
      requiresArg: true,
      describe: 'the rules as text, or JSON with the merged rules',
    })
    .option('output', { type: 'string', requiresArg: true, describe: 'write to FILE (atomically) instead of stdout' });
}

/** `portmatrix rules [REPORT.json] --dialect D`: one consolidated rule set to paste. */
export const rulesCommand = {
  command: 'rules [report]',
  describe: 'one consolidated firewall rule set (nftables, iptables, windows, asa) from a report or the table',
  builder: rulesOptions,
  handler: (args: RulesArgs) => {
    const render = DIALECTS[args.dialect];
    if (!render) throw new InputError(`--dialect ${args.dialect}: expected one of ${DIALECT_NAMES.join(', ')}`);
    const table = tableFrom(args as never);
    const peers = new Map([...parsePeers(args.peer)].map(([role, v]) => [role, split(v)]));
    const set = buildRuleSet({
      table,
      reportFile: args.report,
      all: !args.failedOnly,
      apps: args.app ?? [],
      direction: args.direction as Direction | 'both',
      only: parseOnly(args.only, table),
      server: split(args.server ?? []),
      peers,
    });
    const text = render(set);
    const out =
      args.format === 'json'
        ? `${JSON.stringify({ dialect: args.dialect, ...set, groups: Object.fromEntries(set.groups), text }, null, 2)}\n`
        : text;
    if (args.output) writeAtomic(args.output, out);
    else process.stdout.write(out);
    return 0;
  },
};
