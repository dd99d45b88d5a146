import type { ToolDefinition } from '@voxd/core';
import type { SessionConfig } from '@voxd/protocol';

/**
 * The agent's session with its voxd-run tools declared as function tools (reference §4.5), after
 * any tools the session already lists. Handlers and timeouts stay in voxd; only the name,
 * description and JSON Schema parameters go upstream.
 */
export function withAgentTools(
  session: SessionConfig,
  tools: readonly ToolDefinition[] | undefined,
): SessionConfig {
  if (tools === undefined || tools.length === 0) return session;
  const declared = tools.map((tool) => ({
    type: 'function' as const,
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    parameters: tool.parameters,
  }));
  return { ...session, tools: [...(session.tools ?? []), ...declared] };
}
