import { z } from 'zod';

import { outputAudioFormatSchema } from './audio-formats.js';
import { opt } from './common.js';
import { assistantMessageItemSchema, clientItemSchema } from './client-items.js';
import {
  animationSchema,
  interimResponseSchema,
  maxTokensSchema,
  modalitiesSchema,
  reasoningEffortSchema,
  temperatureSchema,
} from './session-features.js';
import { toolChoiceSchema, toolSchema } from './tools.js';
import { voiceSchema } from './voice.js';

/** `metadata` of a response: up to 16 pairs, keys ≤ 64 characters, values ≤ 512 characters. */
export const responseMetadataSchema = z
  .record(z.string().max(64), z.string().max(512))
  .refine((value) => Object.keys(value).length <= 16, { message: 'at most 16 metadata pairs' });

/** The `response` field of `response.create`: per-response overrides (§5.2). */
export const responseOverridesSchema = z.looseObject({
  modalities: opt(modalitiesSchema),
  instructions: opt(z.string()),
  voice: opt(voiceSchema),
  output_audio_format: opt(outputAudioFormatSchema),
  tools: opt(z.array(toolSchema)),
  tool_choice: opt(toolChoiceSchema),
  temperature: opt(temperatureSchema),
  max_output_tokens: opt(maxTokensSchema),
  /** Older spelling of `max_output_tokens`; a server accepts both. */
  max_response_output_tokens: opt(maxTokensSchema),
  /** Add the output to the conversation. @default true */
  commit: opt(z.boolean()),
  /** Cancel a response already in progress. @default true */
  cancel_previous: opt(z.boolean()),
  append_input_items: opt(z.array(clientItemSchema)),
  /** The entire context for this response; `[]` means no history. */
  input_items: opt(z.array(clientItemSchema)),
  /** Spoken as is, with no model call (proactive greetings). */
  pre_generated_assistant_message: opt(assistantMessageItemSchema),
  metadata: opt(responseMetadataSchema),
  reasoning_effort: opt(reasoningEffortSchema),
  interim_response: opt(interimResponseSchema),
  /** `"none"` makes an out-of-band response. */
  conversation: opt(z.enum(['auto', 'none'])),
  animation: opt(animationSchema),
});

export type ResponseOverrides = z.infer<typeof responseOverridesSchema>;
