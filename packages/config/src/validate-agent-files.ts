import { formatParam } from '@voxd/protocol';

import type { AgentConfig } from './agent-config-schema.js';
import type { AgentConfigDeps, AgentFileResult } from './check-agent-file.js';
import { checkAgentFile } from './check-agent-file.js';
import type { ConfigIssue } from './config-error.js';

/** The outcome of `validateAgentFiles`: one result per file, and every issue across them. */
export interface AgentFilesReport {
  readonly results: readonly AgentFileResult[];
  readonly configs: readonly AgentConfig[];
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
  const configs: AgentConfig[] = [];
  for (const result of results) {
    if (!result.ok) continue;
    const first = byName.get(result.config.name);
    if (first === undefined) {
      byName.set(result.config.name, result.file);
      configs.push(result.config);
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
  return { results, configs, issues };
}
