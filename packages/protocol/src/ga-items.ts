import { z } from 'zod';

import { opt } from './common.js';
import {
  clientFunctionCallItemSchema,
  clientFunctionCallOutputItemSchema,
  clientMcpApprovalResponseItemSchema,
} from './client-items.js';
import {
  clientInputAudioPartSchema,
  inputImagePartSchema,
  inputTextPartSchema,
  serverInputAudioPartSchema,
} from './content-parts.js';
import {
  functionCallItemSchema,
  functionCallOutputItemSchema,
  itemStatusSchema,
  mcpApprovalRequestItemSchema,
  mcpApprovalResponseItemSchema,
  mcpCallItemSchema,
  mcpListToolsItemSchema,
} from './conversation-items.js';

// The GA content parts of an assistant message: the dated `text`/`audio` renamed.
export const gaOutputTextPartSchema = z.looseObject({
  type: z.literal('output_text'),
  text: opt(z.string()),
});
export const gaOutputAudioPartSchema = z.looseObject({
  type: z.literal('output_audio'),
  audio: opt(z.string()),
  transcript: opt(z.string()),
});

/** A content part inside an item a `v1` server sends. */
export const gaContentPartSchema = z.discriminatedUnion('type', [
  inputTextPartSchema,
  serverInputAudioPartSchema,
  inputImagePartSchema,
  gaOutputTextPartSchema,
  gaOutputAudioPartSchema,
]);

const serverItemFields = {
  id: z.string().min(1),
  object: opt(z.literal('realtime.item')),
};

export const gaMessageItemSchema = z.looseObject({
  ...serverItemFields,
  type: z.literal('message'),
  role: z.enum(['system', 'user', 'assistant']),
  content: z.array(gaContentPartSchema),
  status: opt(itemStatusSchema),
});

/** An item as a `v1` server sends it: the dated items with GA message content. */
export const gaConversationItemSchema = z.discriminatedUnion('type', [
  gaMessageItemSchema,
  functionCallItemSchema,
  functionCallOutputItemSchema,
  mcpListToolsItemSchema,
  mcpCallItemSchema,
  mcpApprovalRequestItemSchema,
  mcpApprovalResponseItemSchema,
]);

const clientMessageFields = {
  type: z.literal('message'),
  id: opt(z.string().min(1)),
  object: opt(z.literal('realtime.item')),
  status: opt(z.enum(['completed', 'incomplete', 'in_progress'])),
};

export const gaClientMessageItemSchema = z.discriminatedUnion('role', [
  z.looseObject({
    ...clientMessageFields,
    role: z.literal('user'),
    content: z.array(
      z.discriminatedUnion('type', [
        inputTextPartSchema,
        clientInputAudioPartSchema,
        inputImagePartSchema,
      ]),
    ),
  }),
  z.looseObject({
    ...clientMessageFields,
    role: z.literal('system'),
    content: z.array(inputTextPartSchema),
  }),
  z.looseObject({
    ...clientMessageFields,
    role: z.literal('assistant'),
    content: z.array(
      z.discriminatedUnion('type', [gaOutputTextPartSchema, gaOutputAudioPartSchema]),
    ),
  }),
]);

/** An item a `v1` client sends (`conversation.item.create`, `response.input`). */
export const gaClientItemSchema = z.discriminatedUnion('type', [
  gaClientMessageItemSchema,
  clientFunctionCallItemSchema,
  clientFunctionCallOutputItemSchema,
  clientMcpApprovalResponseItemSchema,
]);

export type GaContentPart = z.infer<typeof gaContentPartSchema>;
export type GaConversationItem = z.infer<typeof gaConversationItemSchema>;
export type GaClientItem = z.infer<typeof gaClientItemSchema>;
