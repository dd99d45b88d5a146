import { z } from 'zod';

import { opt, stringMapSchema } from './common.js';
import { gaAudioFormatSchema } from './ga-audio-format.js';
import { gaClientItemSchema, gaConversationItemSchema } from './ga-items.js';
import {
  gaAudioOutputSchema,
  gaOutputModalitiesSchema,
  gaToolChoiceSchema,
  gaToolSchema,
} from './ga-session.js';
import { responseMetadataSchema } from './response-overrides.js';
import { responseStatusSchema, statusDetailsSchema } from './response.js';
import { maxTokensSchema } from './session-features.js';
import { usageSchema } from './usage.js';

/** The response object of `response.created`/`response.done` on `v1` (GA shape). */
export const gaResponseObjectSchema = z.looseObject({
  id: z.string().min(1),
  object: opt(z.literal('realtime.response')),
  status: responseStatusSchema,
  status_details: opt(statusDetailsSchema),
  output: z.array(gaConversationItemSchema),
  usage: opt(usageSchema),
  conversation_id: opt(z.string()),
  output_modalities: opt(gaOutputModalitiesSchema),
  audio: opt(
    z.looseObject({
      output: opt(z.looseObject({ format: opt(gaAudioFormatSchema), voice: opt(z.string()) })),
    }),
  ),
  max_output_tokens: opt(maxTokensSchema),
  metadata: opt(stringMapSchema),
});

/** The `response` field of `response.create` on `v1` (GA `RealtimeResponseCreateParams`). */
export const gaResponseCreateParamsSchema = z.looseObject({
  output_modalities: opt(gaOutputModalitiesSchema),
  instructions: opt(z.string()),
  /** Voice Live extension: appended to the session instructions for this response only. */
  additional_instructions: opt(z.string()),
  audio: opt(z.looseObject({ output: opt(gaAudioOutputSchema) })),
  tools: opt(z.array(gaToolSchema)),
  tool_choice: opt(gaToolChoiceSchema),
  max_output_tokens: opt(maxTokensSchema),
  /** `"none"` makes an out-of-band response. */
  conversation: opt(z.string()),
  /** The entire context for this response. */
  input: opt(z.array(gaClientItemSchema)),
  metadata: opt(responseMetadataSchema),
  prompt: opt(z.record(z.string(), z.unknown())),
});

export type GaResponseObject = z.infer<typeof gaResponseObjectSchema>;
export type GaResponseCreateParams = z.infer<typeof gaResponseCreateParamsSchema>;
