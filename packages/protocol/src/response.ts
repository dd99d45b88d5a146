import { z } from 'zod';

import { outputAudioFormatSchema } from './audio-formats.js';
import { opt, stringMapSchema } from './common.js';
import { conversationItemSchema } from './conversation-items.js';
import { nestedErrorSchema } from './error-details.js';
import { maxTokensSchema, modalitiesSchema, temperatureSchema } from './session-features.js';
import { usageSchema } from './usage.js';
import { voiceSchema } from './voice.js';

export const responseStatusSchema = z.enum([
  'in_progress',
  'completed',
  'cancelled',
  'failed',
  'incomplete',
]);

/** Why a response did not complete; `null` when it did (§5.1). */
export const statusDetailsSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('cancelled'),
    reason: z.enum(['turn_detected', 'client_cancelled']),
  }),
  z.looseObject({
    type: z.literal('incomplete'),
    reason: z.enum(['max_output_tokens', 'content_filter']),
  }),
  z.looseObject({ type: z.literal('failed'), error: nestedErrorSchema }),
]);

/** The response object of `response.created`/`response.done` (§5.1). */
export const responseObjectSchema = z.looseObject({
  id: z.string().min(1),
  object: opt(z.literal('realtime.response')),
  status: responseStatusSchema,
  status_details: opt(statusDetailsSchema),
  /** Final items, audio bytes left out. */
  output: z.array(conversationItemSchema),
  /** Zeros in `response.created`. */
  usage: opt(usageSchema),
  /** `null` for out-of-band responses. */
  conversation_id: opt(z.string()),
  // A response echoes the voice it used; Azure voice names come back as bare strings too.
  voice: opt(z.union([voiceSchema, z.string()])),
  modalities: opt(modalitiesSchema),
  output_audio_format: opt(outputAudioFormatSchema),
  temperature: opt(temperatureSchema),
  max_output_tokens: opt(maxTokensSchema),
  metadata: opt(stringMapSchema),
});

export type ResponseObject = z.infer<typeof responseObjectSchema>;
export type ResponseStatus = z.infer<typeof responseStatusSchema>;
export type StatusDetails = z.infer<typeof statusDetailsSchema>;
