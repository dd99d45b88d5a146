import { z } from 'zod';

import { opt } from './common.js';
import { inputTextPartSchema, textPartSchema, userContentPartSchema } from './content-parts.js';

const clientMessageFields = {
  type: z.literal('message'),
  /** Optional: the server assigns an id when the client gives none. */
  id: opt(z.string().min(1)),
  status: opt(z.enum(['completed', 'incomplete'])),
};

export const userMessageItemSchema = z.looseObject({
  ...clientMessageFields,
  role: z.literal('user'),
  content: z.array(userContentPartSchema),
});

export const systemMessageItemSchema = z.looseObject({
  ...clientMessageFields,
  role: z.literal('system'),
  content: z.array(inputTextPartSchema),
});

/** A client cannot create an assistant message with audio content (§2). */
export const assistantMessageItemSchema = z.looseObject({
  ...clientMessageFields,
  role: z.literal('assistant'),
  content: z.array(textPartSchema),
});

export const clientMessageItemSchema = z.discriminatedUnion('role', [
  userMessageItemSchema,
  systemMessageItemSchema,
  assistantMessageItemSchema,
]);

export const clientFunctionCallItemSchema = z.looseObject({
  type: z.literal('function_call'),
  id: opt(z.string().min(1)),
  name: z.string().min(1),
  call_id: z.string().min(1),
  arguments: z.string(),
  status: opt(z.enum(['completed', 'incomplete'])),
});

export const clientFunctionCallOutputItemSchema = z.looseObject({
  type: z.literal('function_call_output'),
  id: opt(z.string().min(1)),
  call_id: z.string().min(1),
  /** Free-form; may be empty. */
  output: z.string(),
});

/** (2026+) the client's answer to an `mcp_approval_request` item. */
export const clientMcpApprovalResponseItemSchema = z.looseObject({
  type: z.literal('mcp_approval_response'),
  id: opt(z.string().min(1)),
  approval_request_id: z.string().min(1),
  approve: z.boolean(),
  reason: opt(z.string()),
});

/** An item a client sends (`conversation.item.create`, `append_input_items`, `input_items`). */
export const clientItemSchema = z.discriminatedUnion('type', [
  clientMessageItemSchema,
  clientFunctionCallItemSchema,
  clientFunctionCallOutputItemSchema,
  clientMcpApprovalResponseItemSchema,
]);

export type ClientItem = z.infer<typeof clientItemSchema>;
export type ClientMessageItem = z.infer<typeof clientMessageItemSchema>;
export type AssistantMessageItem = z.infer<typeof assistantMessageItemSchema>;
