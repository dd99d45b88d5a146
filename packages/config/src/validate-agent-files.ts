import { formatParam } from '@voxd/protocol';

import type { AgentConfig } from './agent-config-schema.js';
import type { AgentConfigDeps, AgentFileResult, LoadedAgent } from './check-agent-file.js';
import { checkAgentFile } from './check-agent-file.js';
import type { ConfigIssue } from './config-error.js';

/** The outcome of `validateAgentFiles`: one result per file, and every issue across them. */
export interface AgentFilesReport {
  readonly results: readonly AgentFileResult[];
  readonly configs: readonly AgentConfig[];
  /** The valid agents with the registry each was validated with (third-party plugins differ per file). */
  readonly agents: readonly LoadedAgent[];
  readonly issues: readonly ConfigIssue[];
}

/**
 * Checks several agent files (`voxd validate`), each completely, plus what only shows across
 * files: two agents with the same name. Never throws for bad input; the caller decides the exit code.
 */
export async function validateAgentFiles(
  paths: readonly string[],
  deps: AgentConfigDeps,
): Promise<AgentFilesReport> {
  const results = await Promise.all(paths.map((path) => checkAgentFile(path, deps)));
  const issues: ConfigIssue[] = results.flatMap((r) => (r.ok ? [] : r.issues));
  const byName = new Map<string, string>();
  const agents: LoadedAgent[] = [];
  for (const result of results) {
    if (!result.ok) continue;
    const first = byName.get(result.config.name);
    if (first === undefined) {
      byName.set(result.config.name, result.file);
      agents.push({ config: result.config, registry: result.registry });
      continue;
    }
    issues.push({
      code: 'E_CONFIG_INVALID',
      file: result.file,
      line: result.namePosition.line,
      column: result.namePosition.column,
      path: formatParam(['name']),
      message: `agent name "${result.config.name}" is already used by ${first}`,
      hint: 'agent names must be unique: they label metrics and logs',
    });
  }
  return { results, configs: agents.map((a) => a.config), agents, issues };
}
