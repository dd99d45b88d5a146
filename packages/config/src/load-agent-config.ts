import type { AgentConfig } from './agent-config-schema.js';
import type { AgentConfigDeps, LoadedAgent } from './check-agent-file.js';
import { checkAgentFile } from './check-agent-file.js';
import { ConfigError } from './config-error.js';

/**
 * Loads one agent file: YAML → `${VAR}` interpolation from `deps.env` → schema validation for the
 * plugin types in `deps.registry` → plugin checks → a deeply frozen `AgentConfig`. Nothing is
 * created or opened.
 *
 * @throws ConfigError with every problem found (file:line:column, field path, hint).
 * @example
 * const agent = await loadAgentConfig('configs/agents/local-assistant.yaml', { env: process.env, registry });
 */
export async function loadAgentConfig(path: string, deps: AgentConfigDeps): Promise<AgentConfig> {
  return (await loadAgent(path, deps)).config;
}

/**
 * Like {@link loadAgentConfig}, and also returns the registry to create the agent's plugins from:
 * `deps.registry` plus the third-party plugins the file names (loaded with `deps.loadPlugin`).
 *
 * @throws ConfigError with every problem found.
 */
export async function loadAgent(path: string, deps: AgentConfigDeps): Promise<LoadedAgent> {
  const result = await checkAgentFile(path, deps);
  if (!result.ok) throw new ConfigError(result.issues);
  return { config: result.config, registry: result.registry };
}
