import type { AnySessionPlugin, PluginRegistry, SessionPlugin, ToolDefinition } from '@voxd/core';
import { z } from 'zod';

import type { StubSpec } from './suite-schema.js';

function stubHandler(stub: StubSpec): ToolDefinition['handler'] {
  return () =>
    'error' in stub ? Promise.reject(new Error(stub.error)) : Promise.resolve(stub.result);
}

/**
 * The agent's plugins with the stubbed tools answered by their stubs (nothing real is called),
 * plus a `replay-stubs` plugin declaring the stubbed tools no plugin of the agent declares.
 */
export function stubRegistry(
  registry: PluginRegistry,
  stubs: Readonly<Record<string, StubSpec>>,
): PluginRegistry {
  // The agent's plugins are created first (the stubs plugin is the last entry): it declares only
  // what none of them did.
  const declared = new Set<string>();
  const wrap = (descriptor: AnySessionPlugin): AnySessionPlugin => ({
    ...descriptor,
    create: (options, ctx) => {
      const plugin = descriptor.create(options, ctx);
      if (plugin.tools === undefined) return plugin;
      for (const tool of plugin.tools) declared.add(tool.name);
      return {
        ...plugin,
        tools: plugin.tools.map((tool) => {
          const stub = stubs[tool.name];
          return stub === undefined ? tool : { ...tool, handler: stubHandler(stub) };
        }),
      };
    },
  });
  return { ...registry, plugins: [...registry.plugins.map(wrap), stubsPlugin(stubs, declared)] };
}

/** Kind of the plugin that declares stubbed tools the agent has no plugin for. */
export const STUBS_PLUGIN_KIND = 'replay-stubs';

function stubsPlugin(
  stubs: Readonly<Record<string, StubSpec>>,
  declared: ReadonlySet<string>,
): AnySessionPlugin {
  return {
    kind: STUBS_PLUGIN_KIND,
    options: z.strictObject({ tools: z.array(z.string()) }),
    create: (options: { tools: string[] }): SessionPlugin => ({
      name: STUBS_PLUGIN_KIND,
      tools: options.tools.flatMap((name) => {
        const stub = stubs[name];
        return stub === undefined || declared.has(name)
          ? []
          : [
              {
                name,
                description: `${name} (stubbed by the replay suite)`,
                parameters: { type: 'object' },
                handler: stubHandler(stub),
              },
            ];
      }),
    }),
  };
}
