import type { AnySessionPlugin, PluginRegistry } from '@voxd/core';

import type { SchemaProblem } from './schema-problems.js';

/**
 * Loads the plugin descriptor a third-party `type` names (an npm package name or a `./path` to a
 * module), resolving from `fromDir` (the agent file's folder). Rejects with an error whose `code`
 * is `E_PLUGIN_NOT_FOUND` when nothing of that name is installed there; any other rejection is a
 * package that exists but does not load or does not export a descriptor.
 *
 * The daemon passes `@voxd/plugins`' `loadPluginPackage`; config itself imports no plugin code.
 */
export type PluginLoader = (specifier: string, fromDir: string) => Promise<AnySessionPlugin>;

/** A valid npm package name (scoped or not), optionally with a subpath: `@acme/voxd-x/tools`. */
const NPM_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*(?:\/[^\s]+)?$/;
const PATH = /^(?:\.{1,2}\/|\/|file:)/;

/** Whether a plugin `type` can name a third-party module at all. */
export function isThirdPartySpecifier(type: string): boolean {
  return PATH.test(type) || NPM_NAME.test(type);
}

/** Whether the user clearly meant a package or file (not a mistyped built-in name). */
function isExplicit(type: string): boolean {
  return PATH.test(type) || type.includes('/');
}

/** The `type` of a `plugins` entry as written (anything, until the schema checks it). */
function typeOf(item: unknown): unknown {
  return typeof item === 'object' && item !== null ? (item as { type?: unknown }).type : undefined;
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function hintFor(type: string, notFound: boolean, baseDir: string): string {
  if (!notFound)
    return 'a plugin module must import without throwing and export a descriptor { kind, options (a zod schema), create } as `voxdPlugin` or default';
  return PATH.test(type)
    ? `a path resolves against the agent file's folder (${baseDir})`
    : "a package resolves like an import in the agent file's folder would: node_modules there or in a folder above";
}

/** The registry one agent file validates and runs with, and what went wrong loading its plugins. */
export interface ThirdPartyResolution {
  readonly registry: PluginRegistry;
  readonly problems: readonly SchemaProblem[];
  /** Indexes of `plugins` entries whose type failed to load (their schema problems are noise). */
  readonly failed: ReadonlySet<number>;
}

/**
 * Loads every plugin the file names by package or path and adds it to a copy of `registry` under
 * the name the file uses, so validation (options, `validate` hooks, unknown keys) and `create` treat
 * it like a built-in. A bare name that is not installed is left to the schema, which reports it as
 * an unknown type with a "did you mean" (it is far more often a typo of a built-in name than a
 * missing package); a scoped name or a path that does not resolve is reported here.
 */
export async function resolveThirdPartyPlugins(
  value: unknown,
  registry: PluginRegistry,
  deps: { readonly loader: PluginLoader | undefined; readonly baseDir: string },
): Promise<ThirdPartyResolution> {
  const { loader } = deps;
  const none: ThirdPartyResolution = { registry, problems: [], failed: new Set() };
  if (loader === undefined) return none;
  const builtin = new Set(registry.plugins.map((d) => d.kind));
  const items: unknown[] =
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { plugins?: unknown }).plugins)
      ? (value as { plugins: unknown[] }).plugins
      : [];
  // The first index that names each type, for where a load problem is reported.
  const wanted = new Map<string, number>();
  items.forEach((item, index) => {
    const type = typeOf(item);
    if (typeof type !== 'string' || builtin.has(type) || !isThirdPartySpecifier(type)) return;
    if (!wanted.has(type)) wanted.set(type, index);
  });
  if (wanted.size === 0) return none;

  const loaded: AnySessionPlugin[] = [];
  const problems: SchemaProblem[] = [];
  const failedTypes = new Set<string>();
  await Promise.all(
    [...wanted].map(async ([type, index]) => {
      try {
        const descriptor = await loader(type, deps.baseDir);
        // Registered under the name the file uses: that is what `type` looks up.
        loaded.push({ ...descriptor, kind: type });
      } catch (error) {
        if (errorCode(error) === 'E_PLUGIN_NOT_FOUND' && !isExplicit(type)) return;
        failedTypes.add(type);
        problems.push({
          path: ['plugins', index, 'type'],
          message: errorMessage(error),
          hint: hintFor(type, errorCode(error) === 'E_PLUGIN_NOT_FOUND', deps.baseDir),
        });
      }
    }),
  );
  loaded.sort((a, b) => a.kind.localeCompare(b.kind));
  const failed = new Set<number>();
  items.forEach((item, index) => {
    const type = typeOf(item);
    if (typeof type === 'string' && failedTypes.has(type)) failed.add(index);
  });
  return {
    registry: { ...registry, plugins: [...registry.plugins, ...loaded] },
    problems,
    failed,
  };
}
