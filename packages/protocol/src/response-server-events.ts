import { z } from 'zod';

import { nonNegativeInt } from './common.js';
import { contentPartSchema } from './content-parts.js';
import { conversationItemSchema } from './conversation-items.js';
import { responseObjectSchema } from './response.js';
import { itemLocationFields, locationFields, serverEvent } from './server-event.js';

// §3.4 Response lifecycle
export const responseCreatedEventSchema = serverEvent('response.created', {
  response: responseObjectSchema,
});
export const responseDoneEventSchema = serverEvent('response.done', {
  response: responseObjectSchema,
});
export const outputItemAddedEventSchema = serverEvent('response.output_item.added', {
  response_id: z.string(),
  output_index: nonNegativeInt,
  item: conversationItemSchema,
});
export const outputItemDoneEventSchema = serverEvent('response.output_item.done', {
  response_id: z.string(),
  output_index: nonNegativeInt,
  item: conversationItemSchema,
});
export const contentPartAddedEventSchema = serverEvent('response.content_part.added', {
  ...locationFields,
  part: contentPartSchema,
});
export const contentPartDoneEventSchema = serverEvent('response.content_part.done', {
  ...locationFields,
  part: contentPartSchema,
});
export const textDeltaEventSchema = serverEvent('response.text.delta', {
  ...locationFields,
  delta: z.string(),
});
export const textDoneEventSchema = serverEvent('response.text.done', {
  ...locationFields,
  text: z.string(),
});
export const audioTranscriptDeltaEventSchema = serverEvent('response.audio_transcript.delta', {
  ...locationFields,
  delta: z.string(),
});
export const audioTranscriptDoneEventSchema = serverEvent('response.audio_transcript.done', {
  ...locationFields,
  transcript: z.string(),
});
export const audioDeltaEventSchema = serverEvent('response.audio.delta', {
  ...locationFields,
  /**
   * Base64 audio in `output_audio_format`. Not checked character by character: a client decodes
   * it anyway, and this is the hottest server event.
   */
  delta: z.string(),
});
export const audioDoneEventSchema = serverEvent('response.audio.done', { ...locationFields });
export const functionCallArgumentsDeltaEventSchema = serverEvent(
  'response.function_call_arguments.delta',
  { ...itemLocationFields, call_id: z.string(), delta: z.string() },
);
export const functionCallArgumentsDoneEventSchema = serverEvent(
  'response.function_call_arguments.done',
  { ...itemLocationFields, call_id: z.string(), name: z.string(), arguments: z.string() },
);
export const audioTimestampDeltaEventSchema = serverEvent('response.audio_timestamp.delta', {
  ...locationFields,
  audio_offset_ms: nonNegativeInt,
  audio_duration_ms: nonNegativeInt,
  text: z.string(),
  timestamp_type: z.literal('word'),
});
export const audioTimestampDoneEventSchema = serverEvent('response.audio_timestamp.done', {
  ...locationFields,
});
export const animationVisemeDeltaEventSchema = serverEvent('response.animation_viseme.delta', {
  ...locationFields,
  audio_offset_ms: nonNegativeInt,
  viseme_id: nonNegativeInt,
});
export const animationVisemeDoneEventSchema = serverEvent('response.animation_viseme.done', {
  ...locationFields,
});
export const animationBlendshapesDeltaEventSchema = serverEvent(
  'response.animation_blendshapes.delta',
  {
    ...locationFields,
    /** Index of the first frame in this batch. */
    frame_index: nonNegativeInt,
    frames: z.array(z.array(z.number())),
  },
);
export const animationBlendshapesDoneEventSchema = serverEvent(
  'response.animation_blendshapes.done',
  { ...itemLocationFields },
);

export const responseServerEventSchemas = [
  responseCreatedEventSchema,
  outputItemAddedEventSchema,
  outputItemDoneEventSchema,
  contentPartAddedEventSchema,
  contentPartDoneEventSchema,
  textDeltaEventSchema,
  textDoneEventSchema,
  audioTranscriptDeltaEventSchema,
  audioTranscriptDoneEventSchema,
  audioDeltaEventSchema,
  audioDoneEventSchema,
  functionCallArgumentsDeltaEventSchema,
  functionCallArgumentsDoneEventSchema,
  audioTimestampDeltaEventSchema,
  audioTimestampDoneEventSchema,
  animationVisemeDeltaEventSchema,
  animationVisemeDoneEventSchema,
  animationBlendshapesDeltaEventSchema,
  animationBlendshapesDoneEventSchema,
  responseDoneEventSchema,
] as const;
