import { z } from 'zod';

import { avatarSchema } from './avatar.js';
import { jsonObjectSchema, opt, stringMapSchema } from './common.js';
import { gaAudioFormatSchema } from './ga-audio-format.js';
import {
  animationSchema,
  echoCancellationSchema,
  inputAudioTranscriptionSchema,
  maxTokensSchema,
  noiseReductionSchema,
} from './session-features.js';
import { functionToolSchema, mcpToolSchema } from './tools.js';
import { turnDetectionSchema } from './turn-detection.js';

/** `output_modalities` (GA): `["audio"]` (audio with its transcript) or `["text"]`. */
export const gaOutputModalitiesSchema = z.array(z.enum(['text', 'audio']));

/** `audio.input` on `v1`: the GA fields plus the Voice Live extensions. */
export const gaAudioInputSchema = z.looseObject({
  format: opt(gaAudioFormatSchema),
  transcription: opt(inputAudioTranscriptionSchema),
  noise_reduction: opt(noiseReductionSchema),
  /** `null` turns turn detection off. */
  turn_detection: opt(turnDetectionSchema),
  /** Voice Live extension. */
  echo_cancellation: opt(echoCancellationSchema),
  /** Voice Live extension: multichannel input, 2–4 channels. */
  channels: opt(z.number().int().min(2).max(4)),
  /** Voice Live extension: how multichannel speakers are named to the model. */
  multichannel_audio_context_template: opt(z.string()),
});

/**
 * `audio.output` on `v1`: the GA fields plus the Voice Live voice extensions. `voice` is a name;
 * `voice_type` says whose (`openai` when absent) and the other fields tune an Azure voice.
 */
export const gaAudioOutputSchema = z.looseObject({
  format: opt(gaAudioFormatSchema),
  voice: opt(z.string().min(1)),
  /** GA speaking speed multiplier. */
  speed: opt(z.number().positive()),
  voice_type: opt(z.string().min(1)),
  voice_temperature: opt(z.number().min(0).max(1)),
  custom_voice_endpoint_id: opt(z.string()),
  personal_voice_model: opt(z.string()),
  custom_lexicon_url: opt(z.string()),
  custom_text_normalization_url: opt(z.string()),
  prefer_locales: opt(z.array(z.string())),
  locale: opt(z.string()),
  style: opt(z.string()),
  pitch: opt(z.string()),
  volume: opt(z.string()),
  output_audio_timestamp_types: opt(z.array(z.enum(['word']))),
});

export const gaSessionAudioSchema = z.looseObject({
  input: opt(gaAudioInputSchema),
  output: opt(gaAudioOutputSchema),
});

/** `v1` tools: function and MCP (the tools the `v1` contract lists). */
export const gaToolSchema = z.discriminatedUnion('type', [functionToolSchema, mcpToolSchema]);

export const gaToolChoiceSchema = z.union([
  z.enum(['auto', 'none', 'required']),
  z.looseObject({ type: z.literal('function'), name: z.string().min(1) }),
  z.looseObject({
    type: z.literal('mcp'),
    server_label: z.string().min(1),
    name: opt(z.string()),
  }),
]);

const gaSessionFields = {
  model: opt(z.string()),
  instructions: opt(z.string()),
  output_modalities: opt(gaOutputModalitiesSchema),
  audio: opt(gaSessionAudioSchema),
  // GA lists only the logprobs value; Voice Live adds more (`item.input_audio_transcription.phrases`).
  include: opt(z.array(z.string().min(1))),
  max_output_tokens: opt(maxTokensSchema),
  tools: opt(z.array(gaToolSchema)),
  tool_choice: opt(gaToolChoiceSchema),
  /** GA; Voice Live does not document what it does with these. */
  tracing: opt(z.union([z.literal('auto'), jsonObjectSchema])),
  truncation: opt(z.union([z.string(), jsonObjectSchema])),
  prompt: opt(jsonObjectSchema),
  /** Voice Live extensions. */
  avatar: opt(avatarSchema),
  animation: opt(animationSchema),
  response_delimiter: opt(z.string()),
  metadata: opt(stringMapSchema),
};

/** The request form of `session` on `v1`, as sent in `session.update`. */
export const gaSessionConfigSchema = z.looseObject({
  /** GA requires it: the one session type Voice Live serves. */
  type: z.literal('realtime'),
  ...gaSessionFields,
});

/** The response form of `session` on `v1` (`session.created`/`session.updated`). */
export const gaSessionObjectSchema = z.looseObject({
  type: opt(z.literal('realtime')),
  ...gaSessionFields,
  id: z.string().min(1),
  object: opt(z.literal('realtime.session')),
  expires_at: opt(z.number().int()),
});

export type GaSessionConfig = z.infer<typeof gaSessionConfigSchema>;
export type GaSessionObject = z.infer<typeof gaSessionObjectSchema>;
export type GaAudioInput = z.infer<typeof gaAudioInputSchema>;
export type GaAudioOutput = z.infer<typeof gaAudioOutputSchema>;
