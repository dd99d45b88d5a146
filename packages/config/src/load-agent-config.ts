import type { AgentConfig } from './agent-config-schema.js';
import type { AgentConfigDeps } from './check-agent-file.js';
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
  const result = await checkAgentFile(path, deps);
  if (!result.ok) throw new ConfigError(result.issues);
  return result.config;
}
