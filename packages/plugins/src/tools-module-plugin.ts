import type {
  PluginOptionIssue,
  SessionPluginDescriptor,
  ToolCallContext,
  ToolDefinition,
} from '@voxd/core';
import { toError } from '@voxd/errors';
import { z } from 'zod';

import { PluginError } from './plugin-error.js';
import { resolveModule } from './resolve-module.js';
import { toolBaseShape, uniqueToolNames } from './tool-options.js';

const moduleToolSchema = z
  .object({
    ...toolBaseShape,
    /** The module's export that handles the call. @default name */
    export: z.string().min(1).optional(),
  })
  .strict();

/** `plugins: [{ type: tools-module, module, tools: [...] }]` options. */
export const toolsModuleOptionsSchema = z
  .object({
    /** A JS module: a path relative to the agent file (`./tools.mjs`) or a package name. */
    module: z.string().min(1),
    tools: z.array(moduleToolSchema).min(1).superRefine(uniqueToolNames),
  })
  .strict();

export type ToolsModuleOptions = z.output<typeof toolsModuleOptionsSchema>;

/** What a tools module exports per tool: called with the parsed arguments and the call context. */
export type ModuleToolHandler = (args: unknown, ctx: ToolCallContext) => unknown;

/**
 * Function tools whose handlers a JS module exports. `create` starts importing the module (a
 * dynamic import, so nothing loads when the plugin package is imported) and each call awaits it;
 * `validate` imports it and reports a missing module or export at its option.
 */
export const toolsModulePlugin: SessionPluginDescriptor<ToolsModuleOptions> = {
  kind: 'tools-module',
  options: toolsModuleOptionsSchema,
  create(options, ctx) {
    const module$ = importToolsModule(options.module, ctx.baseDir);
    // Failures surface in each call's output; this keeps an unawaited rejection from crashing.
    module$.catch(() => undefined);
    const tools = options.tools.map((tool): ToolDefinition => ({
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.parameters,
      ...(tool.timeout_ms === undefined ? {} : { timeoutMs: tool.timeout_ms }),
      handler: async (args, call) => {
        const handler = handlerOf(await module$, options.module, tool.export ?? tool.name);
        if (typeof handler === 'string') throw new PluginError('E_PLUGIN_INVALID', handler);
        return await handler(args, call);
      },
    }));
    return { name: 'tools-module', tools };
  },
  async validate(options, ctx) {
    let module: Record<string, unknown>;
    try {
      module = await importToolsModule(options.module, ctx.baseDir);
    } catch (error) {
      return [{ path: ['module'], message: toError(error).message }];
    }
    return options.tools.flatMap((tool, i): PluginOptionIssue[] => {
      const problem = handlerOf(module, options.module, tool.export ?? tool.name);
      if (typeof problem !== 'string') return [];
      const exports = Object.keys(module).filter((key) => typeof module[key] === 'function');
      return [
        {
          path: ['tools', i, tool.export === undefined ? 'name' : 'export'],
          message: problem,
          hint: `exported functions: ${exports.length === 0 ? 'none' : exports.join(', ')}`,
        },
      ];
    });
  },
};

async function importToolsModule(
  specifier: string,
  baseDir: string,
): Promise<Record<string, unknown>> {
  const url = await resolveModule(specifier, baseDir);
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new PluginError(
      'E_PLUGIN_INVALID',
      `tools module ${specifier} failed to load: ${toError(error).message}`,
      {
        cause: error,
      },
    );
  }
}

/** The handler `name` of `module`, or why it is not usable. */
function handlerOf(
  module: Record<string, unknown>,
  specifier: string,
  name: string,
): ModuleToolHandler | string {
  const value = module[name];
  if (typeof value === 'function') return value as ModuleToolHandler;
  return value === undefined
    ? `tools module ${specifier} has no export "${name}"`
    : `export "${name}" of ${specifier} is a ${typeof value}, not a function`;
}
