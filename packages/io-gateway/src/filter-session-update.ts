import type { SessionConfig } from '@voxd/protocol';

/** The outcome of checking a client's `session.update` against what the agent allows. */
export type SessionUpdateCheck =
  /** Every field is allowed: `session` is the agent's session with the client's fields merged in. */
  | { readonly ok: true; readonly session: SessionConfig }
  /** `fields` are not allowed (in the order sent); nothing is forwarded. */
  | { readonly ok: false; readonly fields: readonly string[] };

/**
 * Checks a client's requested session against the allowed top-level fields and merges it into the
 * agent's current session. Voice Live may treat a `session.update` as replacing the whole
 * configuration (reference §2), so the merged, complete session is what goes upstream: a client
 * changing `voice` cannot drop the agent's instructions or tools. Client `tools` (when allowed) are
 * added after the agent's; a client tool named like an agent tool is ignored, the agent's wins.
 */
export function filterSessionUpdate(
  current: SessionConfig,
  requested: Readonly<Record<string, unknown>>,
  allowed: ReadonlySet<string>,
): SessionUpdateCheck {
  const fields = Object.keys(requested);
  const refused = fields.filter((field) => !allowed.has(field));
  if (refused.length > 0) return { ok: false, fields: refused };
  const merged: Record<string, unknown> = { ...current, ...requested };
  if (Array.isArray(requested['tools'])) {
    const agentTools = current.tools ?? [];
    const agentNames = new Set<unknown>(
      agentTools.map((tool) => ('name' in tool ? tool.name : undefined)),
    );
    const clientTools = (requested['tools'] as unknown[]).filter(
      (tool) =>
        !(
          typeof tool === 'object' &&
          tool !== null &&
          agentNames.has((tool as Record<string, unknown>)['name'])
        ),
    );
    merged['tools'] = [...agentTools, ...clientTools];
  }
  return { ok: true, session: merged };
}
