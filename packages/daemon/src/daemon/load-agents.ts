import type { ConfigIssue, LoadedAgent } from '@voxd/config';
import { validateAgentFiles } from '@voxd/config';
import type { PluginRegistry } from '@voxd/core';
import { loadPluginPackage } from '@voxd/plugins';

import { expandAgentPaths } from '../commands/validate.js';

/** An agent file left out because only unset environment variables keep it from validating. */
export interface SkippedAgent {
  readonly file: string;
  readonly issues: readonly ConfigIssue[];
}

/** The agents found under the daemon's paths. */
export interface LoadedAgents {
  readonly files: readonly string[];
  /** Valid agents, in file order, each with the registry its plugins are created from. */
  readonly agents: readonly LoadedAgent[];
  /** Problems of the invalid files (without those of skipped files). */
  readonly issues: readonly ConfigIssue[];
  readonly skipped: readonly SkippedAgent[];
  /** Files with problems (for a reload to keep their previous version). */
  readonly badFiles: ReadonlySet<string>;
}

/**
 * Expands `paths` (folders → their `.yaml`/`.yml` files) and validates every file, reporting every
 * problem at once. Plugins named by npm package or ./path are loaded from each file's folder. With `skipMissingEnv`, a file whose only problems are unset `${VAR}`s is
 * skipped rather than invalid: the example agents that need cloud credentials then do not keep
 * `npm start` from running the local ones.
 */
export async function loadAgents(options: {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly registry: PluginRegistry;
  readonly skipMissingEnv: boolean;
}): Promise<LoadedAgents> {
  const files = await expandAgentPaths(options.paths, options.cwd);
  const report = await validateAgentFiles(files, {
    env: options.env,
    registry: options.registry,
    loadPlugin: loadPluginPackage,
  });
  const skipped: SkippedAgent[] = [];
  const issues: ConfigIssue[] = [];
  const badFiles = new Set<string>();
  for (const file of files) {
    const own = report.issues.filter((issue) => issue.file === file);
    if (own.length === 0) continue;
    badFiles.add(file);
    if (options.skipMissingEnv && own.every((issue) => issue.code === 'E_CONFIG_ENV'))
      skipped.push({ file, issues: own });
    else issues.push(...own);
  }
  return {
    files,
    agents: report.agents.filter((agent) => !badFiles.has(agent.config.file)),
    issues,
    skipped,
    badFiles,
  };
}
