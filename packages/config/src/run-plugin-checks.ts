import type { PluginRegistry, PluginValidationContext } from '@voxd/core';

import type { SchemaProblem } from './schema-problems.js';
import type { PathSegment } from './yaml-source.js';

interface Checkable {
  readonly kind: string;
  readonly options: {
    safeParseAsync(value: unknown): Promise<{ success: boolean; data?: unknown }>;
  };
  validate?(
    options: never,
    ctx: PluginValidationContext,
  ): Promise<readonly { path: readonly PathSegment[]; message: string; hint?: string }[]>;
}

/** Each `{ type, …options }` entry of the file, with where it is and who handles it. */
function entries(
  value: unknown,
  registry: PluginRegistry,
): { path: PathSegment[]; raw: Record<string, unknown>; descriptor: Checkable }[] {
  if (typeof value !== 'object' || value === null) return [];
  const root = value as Record<string, unknown>;
  const found: { path: PathSegment[]; raw: unknown; descriptors: readonly Checkable[] }[] = [
    { path: ['source'], raw: root['source'], descriptors: registry.sources },
    { path: ['sink'], raw: root['sink'], descriptors: registry.sinks },
    ...(Array.isArray(root['plugins']) ? root['plugins'] : []).map((raw: unknown, i) => ({
      path: ['plugins', i],
      raw,
      descriptors: registry.plugins,
    })),
  ];
  return found.flatMap(({ path, raw, descriptors }) => {
    if (typeof raw !== 'object' || raw === null) return [];
    const entry = raw as Record<string, unknown>;
    const descriptor = descriptors.find((d) => d.kind === entry['type']);
    return descriptor === undefined ? [] : [{ path, raw: entry, descriptor }];
  });
}

/**
 * Runs the `validate` hook of every source, sink and plugin whose options are valid, so checks
 * that need I/O (a WAV file exists and has a supported format) are reported with the rest. A hook
 * that throws is reported as a problem too: validation never crashes on one plugin.
 */
export async function runPluginChecks(
  value: unknown,
  registry: PluginRegistry,
  ctx: PluginValidationContext,
): Promise<SchemaProblem[]> {
  const results = await Promise.all(
    entries(value, registry).map(async ({ path, raw, descriptor }): Promise<SchemaProblem[]> => {
      if (descriptor.validate === undefined) return [];
      const { type: _type, ...rest } = raw;
      const parsed = await descriptor.options.safeParseAsync(rest);
      if (!parsed.success) return [];
      try {
        const issues = await descriptor.validate(parsed.data as never, ctx);
        return issues.map((issue) => ({
          path: [...path, ...issue.path],
          message: issue.message,
          ...(issue.hint === undefined ? {} : { hint: issue.hint }),
        }));
      } catch (error) {
        return [
          { path, message: `the ${descriptor.kind} check failed: ${(error as Error).message}` },
        ];
      }
    }),
  );
  return results.flat();
}
