import { z } from 'zod';

import {
  conversationItemDeleteEventSchema,
  conversationItemRetrieveEventSchema,
  conversationItemTruncateEventSchema,
  inputAudioBufferAppendEventSchema,
  inputAudioBufferClearEventSchema,
  inputAudioBufferCommitEventSchema,
  outputAudioBufferClearEventSchema,
  responseCancelEventSchema,
  sessionAvatarConnectEventSchema,
} from './client-events.js';
import { opt } from './common.js';
import { gaClientItemSchema } from './ga-items.js';
import { gaResponseCreateParamsSchema } from './ga-response.js';
import { gaSessionConfigSchema } from './ga-session.js';

function clientEvent<TType extends string, TShape extends z.ZodRawShape>(
  type: TType,
  shape: TShape,
) {
  return z.looseObject({ type: z.literal(type), event_id: opt(z.string()), ...shape });
}

export const gaSessionUpdateEventSchema = clientEvent('session.update', {
  session: gaSessionConfigSchema,
});
export const gaConversationItemCreateEventSchema = clientEvent('conversation.item.create', {
  item: gaClientItemSchema,
  previous_item_id: opt(z.string()),
});
export const gaResponseCreateEventSchema = clientEvent('response.create', {
  response: opt(gaResponseCreateParamsSchema),
});

/**
 * Every `v1` client event schema: the GA events the `v1` contract lists, then the Voice Live
 * extensions. Audio, truncate, retrieve, delete and cancel have the same shape in both dialects.
 */
export const gaClientEventSchemas = [
  gaSessionUpdateEventSchema,
  inputAudioBufferAppendEventSchema,
  inputAudioBufferCommitEventSchema,
  inputAudioBufferClearEventSchema,
  gaConversationItemCreateEventSchema,
  conversationItemRetrieveEventSchema,
  conversationItemTruncateEventSchema,
  conversationItemDeleteEventSchema,
  gaResponseCreateEventSchema,
  responseCancelEventSchema,
  outputAudioBufferClearEventSchema,
  sessionAvatarConnectEventSchema,
] as const;

export const gaClientEventSchema = z.discriminatedUnion('type', gaClientEventSchemas);

/** A client event of the `v1` dialect. */
export type GaClientEvent = z.infer<typeof gaClientEventSchema>;
export type GaClientEventType = GaClientEvent['type'];
export type GaClientEventOf<TType extends GaClientEventType> = Extract<
  GaClientEvent,
  { type: TType }
>;
