import { z } from 'zod';

import { opt } from './common.js';
import { contentPartSchema } from './content-parts.js';
import {
  gaConversationItemSchema,
  gaOutputAudioPartSchema,
  gaOutputTextPartSchema,
} from './ga-items.js';
import { gaResponseObjectSchema } from './ga-response.js';
import { gaSessionObjectSchema } from './ga-session.js';
import { previewServerEventSchemas } from './preview-server-events.js';
import {
  animationBlendshapesDeltaEventSchema,
  animationBlendshapesDoneEventSchema,
  animationVisemeDeltaEventSchema,
  animationVisemeDoneEventSchema,
  audioTimestampDeltaEventSchema,
  audioTimestampDoneEventSchema,
  functionCallArgumentsDeltaEventSchema,
  functionCallArgumentsDoneEventSchema,
} from './response-server-events.js';
import { itemLocationFields, locationFields, serverEvent } from './server-event.js';
import {
  conversationItemDeletedEventSchema,
  conversationItemTruncatedEventSchema,
  errorEventSchema,
  inputAudioBufferClearedEventSchema,
  inputAudioBufferCommittedEventSchema,
  outputAudioBufferClearedEventSchema,
  rateLimitsUpdatedEventSchema,
  sessionAvatarConnectingEventSchema,
  speechStartedEventSchema,
  speechStoppedEventSchema,
  transcriptionCompletedEventSchema,
  transcriptionDeltaEventSchema,
  transcriptionFailedEventSchema,
  warningEventSchema,
} from './session-server-events.js';

export const gaSessionCreatedEventSchema = serverEvent('session.created', {
  session: gaSessionObjectSchema,
});
export const gaSessionUpdatedEventSchema = serverEvent('session.updated', {
  session: gaSessionObjectSchema,
});
export const gaConversationItemAddedEventSchema = serverEvent('conversation.item.added', {
  previous_item_id: opt(z.string()),
  item: gaConversationItemSchema,
});
export const gaConversationItemDoneEventSchema = serverEvent('conversation.item.done', {
  previous_item_id: opt(z.string()),
  item: gaConversationItemSchema,
});
export const gaConversationItemRetrievedEventSchema = serverEvent('conversation.item.retrieved', {
  item: gaConversationItemSchema,
});
export const gaOutputAudioBufferStartedEventSchema = serverEvent('output_audio_buffer.started', {
  response_id: z.string(),
});
export const gaOutputAudioBufferStoppedEventSchema = serverEvent('output_audio_buffer.stopped', {
  response_id: z.string(),
});
export const gaResponseCreatedEventSchema = serverEvent('response.created', {
  response: gaResponseObjectSchema,
});
export const gaResponseDoneEventSchema = serverEvent('response.done', {
  response: gaResponseObjectSchema,
});
export const gaOutputItemAddedEventSchema = serverEvent('response.output_item.added', {
  response_id: z.string(),
  output_index: itemLocationFields.output_index,
  item: gaConversationItemSchema,
});
export const gaOutputItemDoneEventSchema = serverEvent('response.output_item.done', {
  response_id: z.string(),
  output_index: itemLocationFields.output_index,
  item: gaConversationItemSchema,
});
// OpenAI's GA typings name the streamed part `text`/`audio` (as the dated dialect does); servers
// also send `output_text`/`output_audio`: both are accepted.
const gaStreamedPartSchema = z.union([
  contentPartSchema,
  z.discriminatedUnion('type', [gaOutputTextPartSchema, gaOutputAudioPartSchema]),
]);
export const gaContentPartAddedEventSchema = serverEvent('response.content_part.added', {
  ...locationFields,
  part: gaStreamedPartSchema,
});
export const gaContentPartDoneEventSchema = serverEvent('response.content_part.done', {
  ...locationFields,
  part: gaStreamedPartSchema,
});
export const gaOutputTextDeltaEventSchema = serverEvent('response.output_text.delta', {
  ...locationFields,
  delta: z.string(),
});
export const gaOutputTextDoneEventSchema = serverEvent('response.output_text.done', {
  ...locationFields,
  text: z.string(),
});
export const gaOutputAudioTranscriptDeltaEventSchema = serverEvent(
  'response.output_audio_transcript.delta',
  { ...locationFields, delta: z.string() },
);
export const gaOutputAudioTranscriptDoneEventSchema = serverEvent(
  'response.output_audio_transcript.done',
  { ...locationFields, transcript: z.string() },
);
/** The hottest `v1` server event; like `response.audio.delta`, not checked character by character. */
export const gaOutputAudioDeltaEventSchema = serverEvent('response.output_audio.delta', {
  ...locationFields,
  delta: z.string(),
});
export const gaOutputAudioDoneEventSchema = serverEvent('response.output_audio.done', {
  ...locationFields,
});

/**
 * Every `v1` server event schema: the GA events, then the Voice Live extensions (word timestamps,
 * visemes, blendshapes, avatar, warnings, MCP and the other (2026+) events), whose shapes are the
 * same in both dialects.
 */
export const gaServerEventSchemas = [
  gaSessionCreatedEventSchema,
  gaSessionUpdatedEventSchema,
  errorEventSchema,
  rateLimitsUpdatedEventSchema,
  speechStartedEventSchema,
  speechStoppedEventSchema,
  inputAudioBufferCommittedEventSchema,
  inputAudioBufferClearedEventSchema,
  gaOutputAudioBufferStartedEventSchema,
  gaOutputAudioBufferStoppedEventSchema,
  outputAudioBufferClearedEventSchema,
  gaConversationItemAddedEventSchema,
  gaConversationItemDoneEventSchema,
  gaConversationItemRetrievedEventSchema,
  conversationItemTruncatedEventSchema,
  conversationItemDeletedEventSchema,
  transcriptionDeltaEventSchema,
  transcriptionCompletedEventSchema,
  transcriptionFailedEventSchema,
  gaResponseCreatedEventSchema,
  gaOutputItemAddedEventSchema,
  gaOutputItemDoneEventSchema,
  gaContentPartAddedEventSchema,
  gaContentPartDoneEventSchema,
  gaOutputTextDeltaEventSchema,
  gaOutputTextDoneEventSchema,
  gaOutputAudioTranscriptDeltaEventSchema,
  gaOutputAudioTranscriptDoneEventSchema,
  gaOutputAudioDeltaEventSchema,
  gaOutputAudioDoneEventSchema,
  functionCallArgumentsDeltaEventSchema,
  functionCallArgumentsDoneEventSchema,
  gaResponseDoneEventSchema,
  audioTimestampDeltaEventSchema,
  audioTimestampDoneEventSchema,
  animationVisemeDeltaEventSchema,
  animationVisemeDoneEventSchema,
  animationBlendshapesDeltaEventSchema,
  animationBlendshapesDoneEventSchema,
  sessionAvatarConnectingEventSchema,
  warningEventSchema,
  ...previewServerEventSchemas,
] as const;

export const gaServerEventSchema = z.discriminatedUnion('type', gaServerEventSchemas);

/** A server event of the `v1` dialect. */
export type GaServerEvent = z.infer<typeof gaServerEventSchema>;
export type GaServerEventType = GaServerEvent['type'];
export type GaServerEventOf<TType extends GaServerEventType> = Extract<
  GaServerEvent,
  { type: TType }
>;
