import { z } from 'zod';

/** Fields every tool of `tools-http` and `tools-module` has, as written in the agent file. */
export const toolBaseShape = {
  /** The function name the model calls. */
  name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a tool name is 1–64 letters, digits, _ or -'),
  description: z.string().optional(),
  /** JSON Schema of the arguments object. */
  parameters: z.record(z.string(), z.unknown()).default({ type: 'object', properties: {} }),
  /** @default the session's tool timeout (10 s) */
  timeout_ms: z.number().int().positive().max(600_000).optional(),
};

/** Names that appear more than once in `tools`, for a `superRefine`. */
export function duplicateToolNames(tools: readonly { name: string }[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { name } of tools) {
    if (seen.has(name)) duplicates.add(name);
    seen.add(name);
  }
  return [...duplicates];
}

/** Refines a `tools` array schema: every name once. */
export function uniqueToolNames(tools: readonly { name: string }[], ctx: z.RefinementCtx): void {
  for (const name of duplicateToolNames(tools)) {
    ctx.addIssue({ code: 'custom', message: `tool "${name}" is declared twice` });
  }
}
