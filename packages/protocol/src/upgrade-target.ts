/**
 * What a Voice Live connection talks to (§1.1): a model, or a Foundry agent. Bring-your-own-model
 * connections (`profile=…&model=…`) are model connections.
 */
export type UpgradeTarget =
  | { readonly kind: 'model'; readonly model: string }
  | {
      readonly kind: 'agent';
      readonly agentName: string;
      /** Absent only for the legacy `agent-id` spelling without `project_id`. */
      readonly projectName: string | undefined;
    };

function nonEmpty(value: string | null): value is string {
  return value !== null && value !== '';
}

/**
 * Reads the target query parameters. `model` wins over an agent, as the JS SDK sends only `model`
 * when given both. The current agent form needs both `agent-name` and `agent-project-name`; the
 * legacy `agent-id`/`agent_id` (with an optional `project_id`) is still accepted.
 *
 * @returns the target, or `undefined` when the query names none
 */
export function readUpgradeTarget(query: URLSearchParams): UpgradeTarget | undefined {
  const model = query.get('model');
  if (nonEmpty(model)) return { kind: 'model', model };
  const agentName = query.get('agent-name');
  const projectName = query.get('agent-project-name');
  if (nonEmpty(agentName) && nonEmpty(projectName)) {
    return { kind: 'agent', agentName, projectName };
  }
  const legacyAgent = query.get('agent-id') ?? query.get('agent_id');
  if (nonEmpty(legacyAgent)) {
    return {
      kind: 'agent',
      agentName: legacyAgent,
      projectName: query.get('project_id') ?? undefined,
    };
  }
  return undefined;
}
