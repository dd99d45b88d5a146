import type { AnySessionPlugin } from '@voxd/core';
import { toError } from '@voxd/errors';

import { PluginError } from './plugin-error.js';
import { resolveModule } from './resolve-module.js';

/**
 * Imports a third-party plugin package and returns its descriptor: the package's `voxdPlugin`
 * export, or else its default export. `from` is the folder the package resolves from (the agent
 * file's folder), so a project's own node_modules work.
 *
 * @throws {PluginError} `E_PLUGIN_NOT_FOUND` when the package is not installed;
 *   `E_PLUGIN_INVALID` when it fails to load or exports no descriptor.
 */
export async function loadPluginPackage(name: string, from: string): Promise<AnySessionPlugin> {
  const url = await resolveModule(name, from);
  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new PluginError(
      'E_PLUGIN_INVALID',
      `plugin package "${name}" failed to load: ${toError(error).message}`,
      {
        cause: error,
      },
    );
  }
  const candidate = module['voxdPlugin'] ?? module['default'];
  const problem = descriptorProblem(candidate);
  if (problem !== undefined) {
    throw new PluginError(
      'E_PLUGIN_INVALID',
      `plugin package "${name}" does not export a plugin descriptor as voxdPlugin or default: ${problem}`,
    );
  }
  return candidate as AnySessionPlugin;
}

/** Why `value` is not a `SessionPluginDescriptor`, or undefined if it is one. */
function descriptorProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object')
    return `found ${value === null ? 'null' : typeof value}`;
  const descriptor = value as Record<string, unknown>;
  if (typeof descriptor['kind'] !== 'string' || descriptor['kind'].length === 0) {
    return '`kind` must be a non-empty string';
  }
  const options = descriptor['options'] as { safeParse?: unknown } | null | undefined;
  if (options === null || typeof options !== 'object' || typeof options.safeParse !== 'function') {
    return '`options` must be a zod schema';
  }
  if (typeof descriptor['create'] !== 'function') return '`create` must be a function';
  if (descriptor['validate'] !== undefined && typeof descriptor['validate'] !== 'function') {
    return '`validate` must be a function when present';
  }
  return undefined;
}
