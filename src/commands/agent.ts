import { startAgent, type RunningAgent } from '../agent/agent-server.js';
import { waitFor } from '../util/wait-for.js';
import { agentTargets } from '../agent/target-list.js';
import type { AgentInput } from '../options/normalize-options.js';

/** `agent`: serves the control port for `duration` seconds (0: until `stop`), then closes it. */
export async function runAgent(
  input: AgentInput,
  stop: AbortSignal,
  onStarted: (agent: RunningAgent, targets: string) => void,
): Promise<void> {
  const targets = agentTargets(input.targets);
  const agent = await startAgent({
    token: input.token,
    port: input.controlPort,
    bind: input.bind,
    allow: input.allow,
    targets,
  });
  onStarted(agent, targets.describe);
  await waitFor(input.duration, stop);
  await agent.close();
}
