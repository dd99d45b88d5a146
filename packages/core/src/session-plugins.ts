import type { AudioFrame } from '@voxd/audio';
import type { FunctionTool, SessionConfig } from '@voxd/protocol';
import type { Observable } from 'rxjs';

import { CoreError } from './core-error.js';
import type { SessionPlugin, ToolDefinition } from './plugin.js';

type Processor = (frames$: Observable<AudioFrame>) => Observable<AudioFrame>;

/** The plugins' processors for one side, applied in plugin order. */
export function composeProcessors(
  plugins: readonly SessionPlugin[],
  side: 'processInput' | 'processOutput',
): Processor {
  const processors = plugins.flatMap((plugin) => {
    const processor = plugin[side];
    return processor === undefined ? [] : [processor];
  });
  return (frames$) => processors.reduce((stream$, processor) => processor(stream$), frames$);
}

/**
 * The plugins' tools by name.
 *
 * @throws {CoreError} `E_TOOL_CONFLICT` if two plugins, or a plugin and the session's own `tools`,
 *   declare the same name: the model could not tell them apart.
 */
export function collectTools(
  plugins: readonly SessionPlugin[],
  session: SessionConfig,
): ReadonlyMap<string, ToolDefinition> {
  const owners = new Map<string, string>();
  for (const tool of session.tools ?? []) {
    if (tool.type === 'function') owners.set(tool.name, 'the session config');
  }
  const tools = new Map<string, ToolDefinition>();
  for (const plugin of plugins) {
    for (const tool of plugin.tools ?? []) {
      const owner = owners.get(tool.name);
      if (owner !== undefined) {
        throw new CoreError(
          'E_TOOL_CONFLICT',
          `tool "${tool.name}" of plugin "${plugin.name}" is already declared by ${owner}`,
        );
      }
      owners.set(tool.name, `plugin "${plugin.name}"`);
      tools.set(tool.name, tool);
    }
  }
  return tools;
}

/** `session` with the plugins' tools appended to `tools` as function tools. */
export function withPluginTools(
  session: SessionConfig,
  tools: ReadonlyMap<string, ToolDefinition>,
): SessionConfig {
  if (tools.size === 0) return session;
  const declared = [...tools.values()].map((tool): FunctionTool => ({
    type: 'function',
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    parameters: { ...tool.parameters },
  }));
  return { ...session, tools: [...(session.tools ?? []), ...declared] };
}
