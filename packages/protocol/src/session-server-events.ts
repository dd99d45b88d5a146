import { z } from 'zod';

import { nonNegativeInt, opt } from './common.js';
import { conversationItemSchema } from './conversation-items.js';
import { errorDetailsSchema, nestedErrorSchema, warningDetailsSchema } from './error-details.js';
import { serverEvent } from './server-event.js';
import { sessionObjectSchema } from './session.js';

// §3.1 Session and errors
export const sessionCreatedEventSchema = serverEvent('session.created', {
  session: sessionObjectSchema,
});
export const sessionUpdatedEventSchema = serverEvent('session.updated', {
  session: sessionObjectSchema,
});
export const sessionAvatarConnectingEventSchema = serverEvent('session.avatar.connecting', {
  server_sdp: z.string(),
});
export const errorEventSchema = serverEvent('error', { error: errorDetailsSchema });
/** (2026+) */
export const warningEventSchema = serverEvent('warning', { warning: warningDetailsSchema });
/** Documented but absent from the schemas; the JS SDK drops it. */
export const rateLimitsUpdatedEventSchema = serverEvent('rate_limits.updated', {
  rate_limits: z.array(
    z.looseObject({
      name: z.string(),
      limit: z.number(),
      remaining: z.number(),
      reset_seconds: z.number(),
    }),
  ),
});

// §3.2 Input audio buffer
export const speechStartedEventSchema = serverEvent('input_audio_buffer.speech_started', {
  /** On the session's cumulative input timeline, prefix padding included. */
  audio_start_ms: nonNegativeInt,
  item_id: z.string(),
});
export const speechStoppedEventSchema = serverEvent('input_audio_buffer.speech_stopped', {
  audio_end_ms: nonNegativeInt,
  item_id: z.string(),
});
export const inputAudioBufferCommittedEventSchema = serverEvent('input_audio_buffer.committed', {
  item_id: z.string(),
  previous_item_id: opt(z.string()),
});
export const inputAudioBufferClearedEventSchema = serverEvent('input_audio_buffer.cleared', {});
/** (2026+) */
export const outputAudioBufferClearedEventSchema = serverEvent('output_audio_buffer.cleared', {});

// §3.3 Conversation items
export const conversationItemCreatedEventSchema = serverEvent('conversation.item.created', {
  /** `null` for the first item. */
  previous_item_id: opt(z.string()),
  item: conversationItemSchema,
});
export const conversationItemRetrievedEventSchema = serverEvent('conversation.item.retrieved', {
  item: conversationItemSchema,
});
export const conversationItemTruncatedEventSchema = serverEvent('conversation.item.truncated', {
  item_id: z.string(),
  content_index: nonNegativeInt,
  audio_end_ms: nonNegativeInt,
});
export const conversationItemDeletedEventSchema = serverEvent('conversation.item.deleted', {
  item_id: z.string(),
});

export const logprobSchema = z.looseObject({
  token: z.string(),
  logprob: z.number(),
  bytes: opt(z.array(z.number().int())),
});

const wordSchema = z.looseObject({
  text: z.string(),
  offset_milliseconds: nonNegativeInt,
  duration_milliseconds: nonNegativeInt,
});

/** (2026+) §5.6 */
export const transcriptionPhraseSchema = z.looseObject({
  offset_milliseconds: nonNegativeInt,
  duration_milliseconds: nonNegativeInt,
  text: z.string(),
  locale: opt(z.string()),
  confidence: opt(z.number().min(0).max(1)),
  words: opt(z.array(wordSchema)),
});

export const transcriptionDeltaEventSchema = serverEvent(
  'conversation.item.input_audio_transcription.delta',
  {
    item_id: z.string(),
    content_index: nonNegativeInt,
    delta: z.string(),
    logprobs: opt(z.array(logprobSchema)),
  },
);
export const transcriptionCompletedEventSchema = serverEvent(
  'conversation.item.input_audio_transcription.completed',
  {
    item_id: z.string(),
    content_index: nonNegativeInt,
    transcript: z.string(),
    logprobs: opt(z.array(logprobSchema)),
    phrases: opt(z.array(transcriptionPhraseSchema)),
  },
);
export const transcriptionFailedEventSchema = serverEvent(
  'conversation.item.input_audio_transcription.failed',
  {
    item_id: z.string(),
    content_index: nonNegativeInt,
    error: nestedErrorSchema,
  },
);

export const sessionServerEventSchemas = [
  sessionCreatedEventSchema,
  sessionUpdatedEventSchema,
  sessionAvatarConnectingEventSchema,
  errorEventSchema,
  warningEventSchema,
  rateLimitsUpdatedEventSchema,
  speechStartedEventSchema,
  speechStoppedEventSchema,
  inputAudioBufferCommittedEventSchema,
  inputAudioBufferClearedEventSchema,
  outputAudioBufferClearedEventSchema,
  conversationItemCreatedEventSchema,
  conversationItemRetrievedEventSchema,
  conversationItemTruncatedEventSchema,
  conversationItemDeletedEventSchema,
  transcriptionDeltaEventSchema,
  transcriptionCompletedEventSchema,
  transcriptionFailedEventSchema,
] as const;
