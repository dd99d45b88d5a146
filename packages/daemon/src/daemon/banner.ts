import { relative } from 'node:path';

import type { AgentStatus } from './agent-runner.js';
import type { SkippedAgent } from './load-agents.js';

/** What the startup banner shows. */
export interface BannerInfo {
  readonly adminUrl: string;
  readonly embeddedUrl: string | undefined;
  readonly agents: readonly AgentStatus[];
  readonly skipped: readonly SkippedAgent[];
  readonly cwd: string;
}

/** A path relative to `cwd` when it lies inside it, else absolute. */
function shown(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}

/** Shows a client key only when voxd generated it (a configured one is the operator's secret). */
function keyNote(status: AgentStatus): string {
  return status.generatedKey === undefined
    ? 'with one of its configured keys'
    : `with api-key ${status.generatedKey} (generated; set VOXD_GATEWAY_KEY to choose one)`;
}

/**
 * The startup banner (stdout): what listens where and how to talk to it. Tests read the admin URL
 * from its `admin` line.
 */
export function formatBanner(info: BannerInfo): string {
  const lines = ['voxd daemon', `  admin    ${info.adminUrl}  (/metrics /healthz /readyz /agents)`];
  if (info.embeddedUrl !== undefined)
    lines.push(`  local    ${info.embeddedUrl}  (embedded local Voice Live server)`);
  const width = Math.max(8, ...info.agents.map((a) => a.name.length));
  for (const agent of info.agents) {
    const file = shown(info.cwd, agent.file);
    lines.push(
      `  agent    ${agent.name.padEnd(width)}  ${agent.kind.padEnd(7)}  ${agent.state.padEnd(8)}  ${file}`,
    );
    if (agent.kind === 'gateway' && agent.url !== undefined)
      lines.push(`           └ Voice Live clients connect to ${agent.url} ${keyNote(agent)}`);
    if (agent.lastError !== undefined) lines.push(`           └ ${agent.lastError}`);
  }
  for (const skip of info.skipped) {
    const vars = skip.issues.map((issue) => issue.message).join('; ');
    lines.push(`  skipped  ${shown(info.cwd, skip.file)}  (${vars})`);
  }
  if (info.agents.length === 0) lines.push('  no agents running');
  return `${lines.join('\n')}\n`;
}
