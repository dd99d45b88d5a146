import type { SessionConfig } from '@voxd/protocol';

import type { SessionFieldPolicy } from './field-policy.js';

/** What a client's `session.update` does to the session, under the agent's field policy. */
export type SessionUpdateOutcome =
  /**
   * Forward `session` upstream: the complete effective session. `dropped` names the fields whose
   * client value was dropped under `keep` because it differed from the effective one (in the order
   * sent).
   */
  | { readonly ok: true; readonly session: SessionConfig; readonly dropped: readonly string[] }
  /** `fields` are under `reject` (in the order sent): refuse the whole update, forward nothing. */
  | { readonly ok: false; readonly fields: readonly string[] };

/** Inputs of {@link applySessionUpdate}. */
export interface SessionUpdateInput {
  /** The agent's own session, its voxd-run tools declared: what `keep` keeps. */
  readonly agent: SessionConfig;
  /** The session in effect now (the agent's with the client's earlier changes). */
  readonly current: SessionConfig;
  /** The `session` of the client's `session.update`. */
  readonly requested: Readonly<Record<string, unknown>>;
  readonly policy: SessionFieldPolicy;
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function toolName(tool: unknown): unknown {
  return typeof tool === 'object' && tool !== null
    ? (tool as Record<string, unknown>)['name']
    : undefined;
}

/**
 * The agent's tools, then the client's (a client tool named like an agent tool is left out: the
 * agent's wins). Built from the agent's list every time, so a later client list replaces an
 * earlier one and can never remove an agent tool.
 */
function mergeTools(agent: SessionConfig, clientTools: unknown): unknown[] {
  const agentTools: unknown[] = agent.tools ?? [];
  if (!Array.isArray(clientTools)) return agentTools;
  const agentNames = new Set(agentTools.map(toolName));
  const added = (clientTools as unknown[]).filter((tool) => !agentNames.has(toolName(tool)));
  return [...agentTools, ...added];
}

/**
 * Applies a client's `session.update` to the session under the agent's field policy. Pure.
 *
 * Voice Live may treat a `session.update` as replacing the whole configuration (reference §2), so
 * the result is the merged, complete session to send upstream: whatever a client sends, the
 * fields the agent keeps stay in it, and the upstream's `session.updated` shows the effective
 * values to the client.
 */
export function applySessionUpdate(input: SessionUpdateInput): SessionUpdateOutcome {
  const { agent, current, requested, policy } = input;
  const fields = Object.keys(requested);
  const refused = fields.filter((field) => policy.of(field) === 'reject');
  if (refused.length > 0) return { ok: false, fields: refused };
  const session: Record<string, unknown> = { ...current };
  const dropped: string[] = [];
  for (const field of fields) {
    const value = requested[field];
    if (policy.of(field) === 'keep') {
      if (!sameValue(value, current[field])) dropped.push(field);
    } else if (field === 'tools') {
      session['tools'] = mergeTools(agent, value);
    } else {
      session[field] = value;
    }
  }
  return { ok: true, session, dropped };
}
