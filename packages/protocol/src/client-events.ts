import { z } from 'zod';

import { base64Schema, MAX_APPEND_AUDIO_BASE64_CHARS, nonNegativeInt, opt } from './common.js';
import { clientItemSchema } from './client-items.js';
import { responseOverridesSchema } from './response-overrides.js';
import { sessionConfigSchema } from './session.js';

/** A client event of `type`: `event_id` is optional and chosen by the client. */
function clientEvent<TType extends string, TShape extends z.ZodRawShape>(
  type: TType,
  shape: TShape,
) {
  return z.looseObject({ type: z.literal(type), event_id: opt(z.string()), ...shape });
}

export const sessionUpdateEventSchema = clientEvent('session.update', {
  session: sessionConfigSchema,
});
export const inputAudioBufferAppendEventSchema = clientEvent('input_audio_buffer.append', {
  /** Base64 in the session's `input_audio_format`; at most 15 MiB decoded. */
  audio: base64Schema.max(MAX_APPEND_AUDIO_BASE64_CHARS),
});
export const inputAudioBufferCommitEventSchema = clientEvent('input_audio_buffer.commit', {});
export const inputAudioBufferClearEventSchema = clientEvent('input_audio_buffer.clear', {});
export const conversationItemCreateEventSchema = clientEvent('conversation.item.create', {
  item: clientItemSchema,
  /** Absent: append at the end; `"root"`: insert at the start; else an existing item id. */
  previous_item_id: opt(z.string()),
});
export const conversationItemRetrieveEventSchema = clientEvent('conversation.item.retrieve', {
  item_id: z.string().min(1),
});
export const conversationItemTruncateEventSchema = clientEvent('conversation.item.truncate', {
  item_id: z.string().min(1),
  content_index: nonNegativeInt,
  /** Milliseconds of the item's audio to keep. */
  audio_end_ms: nonNegativeInt,
});
export const conversationItemDeleteEventSchema = clientEvent('conversation.item.delete', {
  item_id: z.string().min(1),
});
export const responseCreateEventSchema = clientEvent('response.create', {
  response: opt(responseOverridesSchema),
  /** Appended to the session instructions for this response only. */
  additional_instructions: opt(z.string()),
});
export const responseCancelEventSchema = clientEvent('response.cancel', {
  /** Default: the response in progress. */
  response_id: opt(z.string()),
});
export const sessionAvatarConnectEventSchema = clientEvent('session.avatar.connect', {
  /** The WebRTC SDP offer (base64 according to the 2025-10-01 docs). */
  client_sdp: z.string().min(1),
});
export const inputAudioTurnStartEventSchema = clientEvent('input_audio.turn.start', {
  turn_id: z.string().min(1),
});
export const inputAudioTurnAppendEventSchema = clientEvent('input_audio.turn.append', {
  turn_id: z.string().min(1),
  audio: base64Schema.max(MAX_APPEND_AUDIO_BASE64_CHARS),
});
export const inputAudioTurnEndEventSchema = clientEvent('input_audio.turn.end', {
  turn_id: z.string().min(1),
});
export const inputAudioTurnCancelEventSchema = clientEvent('input_audio.turn.cancel', {
  turn_id: z.string().min(1),
});
export const inputAudioClearEventSchema = clientEvent('input_audio.clear', {});
/** (2026+) */
export const outputAudioBufferClearEventSchema = clientEvent('output_audio_buffer.clear', {});
/** (2026+) streamed text input. */
export const inputTextDeltaEventSchema = clientEvent('input_text.delta', {
  id: z.string().min(1),
  delta: z.string(),
  content_index: opt(nonNegativeInt),
});
/** (2026+) */
export const inputTextDoneEventSchema = clientEvent('input_text.done', {
  id: z.string().min(1),
  content_index: opt(nonNegativeInt),
});

/** Every client event schema; the order is the order of reference §2. */
export const clientEventSchemas = [
  sessionUpdateEventSchema,
  inputAudioBufferAppendEventSchema,
  inputAudioBufferCommitEventSchema,
  inputAudioBufferClearEventSchema,
  conversationItemCreateEventSchema,
  conversationItemRetrieveEventSchema,
  conversationItemTruncateEventSchema,
  conversationItemDeleteEventSchema,
  responseCreateEventSchema,
  responseCancelEventSchema,
  sessionAvatarConnectEventSchema,
  inputAudioTurnStartEventSchema,
  inputAudioTurnAppendEventSchema,
  inputAudioTurnEndEventSchema,
  inputAudioTurnCancelEventSchema,
  inputAudioClearEventSchema,
  outputAudioBufferClearEventSchema,
  inputTextDeltaEventSchema,
  inputTextDoneEventSchema,
] as const;

/** Any client event, discriminated on `type`. */
export const clientEventSchema = z.discriminatedUnion('type', clientEventSchemas);

export type ClientEvent = z.infer<typeof clientEventSchema>;
export type ClientEventType = ClientEvent['type'];
export type ClientEventOf<TType extends ClientEventType> = Extract<ClientEvent, { type: TType }>;
