import { rawOptions, type CommandSpec } from './command-spec.js';
import { CONTRACT } from './option-declarations.js';
import { tableFrom } from './common-options.js';
import { buildRuleSet } from '../commands/rules.js';
import { DIALECTS, DIALECT_NAMES } from '../rules/dialects.js';
import { writeAtomic } from '../report/write-atomic.js';
import { normalizeRules } from '../options/normalize-options.js';

/** `portmatrix rules [REPORT.json] --dialect D`: one consolidated rule set to paste. */
export const rulesCommand: CommandSpec = {
  command: 'rules [report]',
  describe: 'one consolidated firewall rule set (nftables, iptables, windows, asa) from a report or the table',
  positionals: { report: { type: 'string', describe: 'a JSON report of check or matrix (else: the table)' } },
  options: ['dialect', 'failed-only', ...CONTRACT, 'direction', 'only', 'server', 'peer'],
  overrides: {
    dialect: { choices: DIALECT_NAMES },
    ports: { describe: 'the port table the report was made with' },
    direction: { default: 'both', describe: 'without a report: which rows' },
    server: { array: true, describe: "the product server's addresses: IP or CIDR, comma-separated" },
    peer: { describe: 'ROLE=ADDR[,ADDR]: addresses of a role (client, device, server, aaa, …)' },
    format: {
      choices: ['text', 'json'],
      default: 'text',
      describe: 'the rules as text, or JSON with the merged rules',
    },
    output: { describe: 'write to FILE (atomically) instead of stdout' },
    color: { describe: 'accepted for scripts that pass it to every command; rules are never coloured' },
  },
  run: (args) => {
    const table = tableFrom(args);
    const input = normalizeRules(rawOptions(args, rulesCommand), table);
    const set = buildRuleSet({ ...input, table });
    const text = DIALECTS[input.dialect]!(set);
    const doc = { dialect: input.dialect, ...set, groups: Object.fromEntries(set.groups), text };
    const out = input.format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : text;
    if (input.output) writeAtomic(input.output, out);
    else process.stdout.write(out);
    return 0;
  },
};
