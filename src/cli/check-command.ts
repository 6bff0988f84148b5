import { COMMON } from './option-declarations.js';
import { givenFields, rawOptions, type CommandSpec, type ParsedArgs } from './command-spec.js';
import { outputFrom, tableFrom, type OutputOptions } from './common-options.js';
import { emit } from './emit.js';
import { progressReporter } from './progress.js';
import { watchInterrupt } from './interrupt.js';
import { exitCodeOf } from './exit-code.js';
import { snmpCommunityFrom } from './snmp-community.js';
import { planCheck, probePlan, type CheckPlan } from '../commands/check.js';
import { normalizeCheck, type CheckInput } from '../options/normalize-options.js';
import { useSnmpCommunity } from '../probe/udp-payloads.js';
import { rerunChanges, rerunNotes } from '../verdict/rerun-changes.js';
import { InputError } from '../errors.js';
import type { RunOptions } from '../probe/run-probes.js';
import type { Report } from '../model/report.js';
import type { PortTable } from '../table/types.js';

// Probes the plan with progress and interruption, emits the report, returns the exit code. The plan comes
// from `plan` and is not kept here: 100,000 probes' plan and outcomes are freed before the report is written.
async function probeAndEmit(
  plan: () => CheckPlan,
  run: RunOptions,
  output: OutputOptions & { strict: boolean },
  finish: (report: Report) => void = () => {},
): Promise<number> {
  const progress = progressReporter(output.quiet);
  const interrupt = watchInterrupt();
  try {
    const report = await probePlan(plan(), {
      ...run,
      stopSignal: interrupt.stop,
      signal: interrupt.abort,
      onProgress: progress.update,
    });
    progress.clear();
    if (interrupt.interrupted()) report.incomplete = true;
    finish(report);
    await emit({ kind: 'report', report }, output);
    return interrupt.interrupted() ? 130 : exitCodeOf(report, output.strict);
  } finally {
    interrupt.dispose();
  }
}

// check --rerun REPORT.json: the earlier report's failing rows, hosts and options; what changed since.
// Options the command line gives win over the report's.
async function rerunCheck(args: ParsedArgs, table: PortTable, input: CheckInput, file: string): Promise<number> {
  // Loaded only for --rerun: reading a report validates it with the full JSON Schema (ajv).
  const { planRerun } = await import('./rerun.js');
  const rerun = planRerun(file, table, givenFields(rawOptions(args, checkCommand)));
  if (rerun.verified && input.token === undefined)
    throw new InputError(`--rerun ${file}: that run verified answers with a token; give the same token`);
  if (rerun.empty) {
    process.stderr.write(`portmatrix: every row of ${file} passed; nothing to check again\n`);
    return 0;
  }
  const options = { ...input, ...rerun.options, apps: input.apps, only: input.only, token: input.token };
  const output = { ...outputFrom(args), strict: input.strict };
  return probeAndEmit(
    () => planCheck(table, options),
    options,
    output,
    (report) => {
      report.rerun = rerunChanges(file, rerun.before, report);
      report.notes = [...(report.notes ?? []), rerun.note, ...rerunNotes(report.rerun)];
    },
  );
}

/** `portmatrix check HOST...`. */
export const checkCommand: CommandSpec = {
  command: 'check [hosts..]',
  describe: "probe the selected rows' ports on each HOST and print the pass/fail matrix",
  positionals: { hosts: { type: 'string', array: true, describe: 'hosts to probe (names, IPv4, IPv6)' } },
  options: [
    ...COMMON,
    'direction',
    'peer',
    'only',
    'snmp-community',
    'snmp-community-file',
    'rerun',
    'as',
    'concurrency',
    'timeout',
    'retries',
    'rate-limit-budget',
    'token',
    'token-file',
    'port-offset',
    'from',
    'strict',
    'adaptive',
  ],
  run: async (args) => {
    const table = tableFrom(args);
    const raw = rawOptions(args, checkCommand);
    const rerun = typeof raw.rerun === 'string' ? raw.rerun : undefined;
    if (rerun !== undefined && ((args.hosts as unknown[] | undefined)?.length || raw.peers !== undefined))
      throw new InputError('check --rerun: the hosts come from the report; expected no HOST and no --peer');
    // With --rerun the hosts come from the report: checked there, not here.
    const input = normalizeCheck(rerun !== undefined ? { ...raw, hosts: ['-'] } : raw, table);
    const output = { ...outputFrom(args), strict: input.strict };
    useSnmpCommunity(snmpCommunityFrom(raw.snmpCommunity as string, raw.snmpCommunityFile as string));
    if (rerun !== undefined) return rerunCheck(args, table, input, rerun);
    return probeAndEmit(() => planCheck(table, input), input, output);
  },
};
