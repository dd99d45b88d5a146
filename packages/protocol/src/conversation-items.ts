import { z } from 'zod';

import { jsonObjectSchema, opt } from './common.js';
import { contentPartSchema } from './content-parts.js';
import { nestedErrorSchema } from './error-details.js';

/** `incomplete` on `output_item.added` is what the real service sends; OpenAI-style servers send `in_progress`. */
export const itemStatusSchema = z.enum(['in_progress', 'completed', 'incomplete']);

const serverItemFields = {
  id: z.string().min(1),
  object: opt(z.literal('realtime.item')),
};

export const messageItemSchema = z.looseObject({
  ...serverItemFields,
  type: z.literal('message'),
  role: z.enum(['system', 'user', 'assistant']),
  content: z.array(contentPartSchema),
  status: opt(itemStatusSchema),
});

export const functionCallItemSchema = z.looseObject({
  ...serverItemFields,
  type: z.literal('function_call'),
  name: z.string(),
  call_id: z.string(),
  /** JSON text; `""` until the call is complete. */
  arguments: z.string(),
  status: opt(itemStatusSchema),
});

export const functionCallOutputItemSchema = z.looseObject({
  ...serverItemFields,
  type: z.literal('function_call_output'),
  call_id: z.string(),
  output: z.string(),
});

/** (2026+) */
export const mcpListToolsItemSchema = z.looseObject({
  ...serverItemFields,
  type: z.literal('mcp_list_tools'),
  server_label: z.string(),
  tools: z.array(
    z.looseObject({
      name: z.string(),
      description: opt(z.string()),
      input_schema: jsonObjectSchema,
      annotations: opt(z.unknown()),
    }),
  ),
});

/** (2026+) */
export const mcpCallItemSchema = z.looseObject({
  ...serverItemFields,
  type: z.literal('mcp_call'),
  server_label: z.string(),
  name: z.string(),
  arguments: z.string(),
  approval_request_id: opt(z.string()),
  output: opt(z.string()),
  error: opt(z.union([nestedErrorSchema, z.string()])),
});

/** (2026+) */
export const mcpApprovalRequestItemSchema = z.looseObject({
  ...serverItemFields,
  type: z.literal('mcp_approval_request'),
  server_label: z.string(),
  name: z.string(),
  arguments: opt(z.string()),
});

/** (2026+) */
export const mcpApprovalResponseItemSchema = z.looseObject({
  ...serverItemFields,
  type: z.literal('mcp_approval_response'),
  approval_request_id: z.string(),
  approve: z.boolean(),
  reason: opt(z.string()),
});

/** (2026+) a call of a service-managed tool such as `end_conversation`. */
export const systemToolItemSchema = z.looseObject({
  ...serverItemFields,
  type: z.literal('system_tool'),
  name: z.string(),
  call_id: z.string(),
  arguments: z.string(),
  status: opt(itemStatusSchema),
});

/** An item as the server sends it (`conversation.item.*`, `response.output_item.*`, `response.output`). */
export const conversationItemSchema = z.discriminatedUnion('type', [
  messageItemSchema,
  functionCallItemSchema,
  functionCallOutputItemSchema,
  mcpListToolsItemSchema,
  mcpCallItemSchema,
  mcpApprovalRequestItemSchema,
  mcpApprovalResponseItemSchema,
  systemToolItemSchema,
]);

export type ConversationItem = z.infer<typeof conversationItemSchema>;
export type MessageItem = z.infer<typeof messageItemSchema>;
export type FunctionCallItem = z.infer<typeof functionCallItemSchema>;
export type ItemStatus = z.infer<typeof itemStatusSchema>;
