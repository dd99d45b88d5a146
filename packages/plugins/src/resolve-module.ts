import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { PluginError } from './plugin-error.js';

/** Whether `specifier` names a file (relative or absolute) rather than a package. */
export function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith('.') || isAbsolute(specifier) || specifier.startsWith('file:');
}

/**
 * The file URL `specifier` imports from `baseDir`: a path resolves against `baseDir`; a package
 * name resolves like an `import` in a file of `baseDir` would (node_modules up the folders).
 *
 * @throws {PluginError} `E_PLUGIN_NOT_FOUND` when the package is not installed or the file does
 *   not exist.
 */
export async function resolveModule(specifier: string, baseDir: string): Promise<string> {
  if (isPathSpecifier(specifier)) {
    const url = specifier.startsWith('file:')
      ? new URL(specifier)
      : pathToFileURL(resolve(baseDir, specifier));
    // Checked here, not left to import(): its ERR_MODULE_NOT_FOUND also means a missing
    // dependency *inside* the module, which is a different problem.
    try {
      await access(url);
    } catch (error) {
      throw new PluginError(
        'E_PLUGIN_NOT_FOUND',
        `module "${specifier}" does not exist (${fileURLToPath(url)})`,
        { cause: error },
      );
    }
    return url.href;
  }
  const require = createRequire(join(baseDir, 'noop.js'));
  try {
    return pathToFileURL(require.resolve(specifier)).href;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ESM-only packages export no `require` condition: find the `import` entry ourselves.
    if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      const entry = await importEntry(specifier, baseDir);
      if (entry !== undefined) return pathToFileURL(entry).href;
    }
    throw new PluginError(
      'E_PLUGIN_NOT_FOUND',
      `package "${specifier}" is not installed where ${baseDir} can import it (npm install ${specifier})`,
      { cause: error },
    );
  }
}

/** The `import` entry of package `name` found in a node_modules folder above `baseDir`. */
async function importEntry(name: string, baseDir: string): Promise<string | undefined> {
  for (let dir = resolve(baseDir); ; dir = dirname(dir)) {
    const root = join(dir, 'node_modules', name);
    const manifest = await readFile(join(root, 'package.json'), 'utf8').catch(() => undefined);
    if (manifest !== undefined) {
      const target = rootExport(JSON.parse(manifest) as Record<string, unknown>);
      return target === undefined ? undefined : join(root, target);
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function rootExport(manifest: Record<string, unknown>): string | undefined {
  let entry: unknown = manifest['exports'];
  if (entry !== null && typeof entry === 'object' && '.' in entry) {
    entry = (entry as Record<string, unknown>)['.'];
  }
  // Conditions in the order Node's ESM loader tries them.
  while (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
    const conditions = entry as Record<string, unknown>;
    entry = conditions['import'] ?? conditions['node'] ?? conditions['default'];
  }
  if (typeof entry === 'string') return entry;
  const main = manifest['main'];
  return typeof main === 'string' ? main : 'index.js';
}
