import { z } from 'zod';

import { jsonObjectSchema, opt, stringMapSchema } from './common.js';

export const functionToolSchema = z.looseObject({
  type: z.literal('function'),
  name: z.string().min(1),
  description: opt(z.string()),
  /** A JSON Schema object describing the arguments. */
  parameters: opt(jsonObjectSchema),
});

/** (2026+) A remote MCP server whose tools the model may call. */
export const mcpToolSchema = z.looseObject({
  type: z.literal('mcp'),
  server_label: z.string().min(1),
  server_url: z.string().min(1),
  authorization: opt(z.string()),
  headers: opt(stringMapSchema),
  allowed_tools: opt(z.array(z.string())),
  require_approval: opt(
    z.union([
      z.enum(['always', 'never']),
      z.looseObject({ never: opt(z.array(z.string())), always: opt(z.array(z.string())) }),
    ]),
  ),
});

/** (2026+) The service-managed tool that ends the conversation after a farewell. */
export const endConversationToolSchema = z.looseObject({
  type: z.literal('end_conversation'),
  description: opt(z.string()),
});

/** From an earlier preview; still accepted. */
export const foundryAgentToolSchema = z.looseObject({
  type: z.literal('foundry_agent'),
  agent_name: z.string().min(1),
  project_name: z.string().min(1),
  agent_version: opt(z.string()),
  client_id: opt(z.string()),
  description: opt(z.string()),
  foundry_resource_override: opt(z.string()),
  agent_context_type: opt(z.enum(['agent_context', 'no_context'])),
  return_agent_response_directly: opt(z.boolean()),
});

export const toolSchema = z.discriminatedUnion('type', [
  functionToolSchema,
  mcpToolSchema,
  endConversationToolSchema,
  foundryAgentToolSchema,
]);

export const toolChoiceSchema = z.union([
  z.enum(['auto', 'none', 'required']),
  z.looseObject({ type: z.literal('function'), name: z.string().min(1) }),
]);

export type Tool = z.infer<typeof toolSchema>;
export type FunctionTool = z.infer<typeof functionToolSchema>;
export type McpTool = z.infer<typeof mcpToolSchema>;
export type ToolChoice = z.infer<typeof toolChoiceSchema>;
