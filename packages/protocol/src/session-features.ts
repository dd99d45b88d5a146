import { z } from 'zod';

import { nonNegativeInt, opt, stringMapSchema } from './common.js';

export const noiseReductionSchema = z.looseObject({
  type: z.enum(['azure_deep_noise_suppression', 'near_field', 'far_field']),
});

/** `channels: 2` carries the echo reference on channel 1, which only a client can supply. */
export const echoCancellationSchema = z
  .looseObject({
    type: z.literal('server_echo_cancellation'),
    reference_source: opt(z.enum(['server', 'client'])),
    channels: opt(z.union([z.literal(1), z.literal(2)])),
  })
  .superRefine((value, ctx) => {
    if (value.channels === 2 && value.reference_source !== 'client') {
      ctx.addIssue({
        code: 'custom',
        path: ['reference_source'],
        message: 'channels: 2 requires reference_source: "client"',
      });
    }
  });

export const transcriptionModelSchema = z.enum([
  'whisper-1',
  'gpt-4o-transcribe',
  'gpt-4o-mini-transcribe',
  'gpt-4o-transcribe-diarize',
  'azure-speech',
  'mai-transcribe',
  'mai-transcribe-1',
]);

export const inputAudioTranscriptionSchema = z.looseObject({
  model: transcriptionModelSchema,
  /** BCP-47 (`en-US`), ISO-639-1 (`en`) or a comma-separated list for auto-detection. */
  language: opt(z.string()),
  custom_speech: opt(stringMapSchema),
  phrase_list: opt(z.array(z.string())),
  prompt: opt(z.string()),
});

export const animationSchema = z.looseObject({
  model_name: opt(z.string()),
  outputs: opt(z.array(z.enum(['blendshapes', 'viseme_id']))),
});

const interimFields = {
  triggers: opt(z.array(z.enum(['latency', 'tool']))),
  latency_threshold_ms: opt(nonNegativeInt),
};

/** (2026+) filler speech while the real answer is slow (§4.8). */
export const interimResponseSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('static_interim_response'),
    ...interimFields,
    texts: opt(z.array(z.string())),
  }),
  z.looseObject({
    type: z.literal('llm_interim_response'),
    ...interimFields,
    model: opt(z.string()),
    instructions: opt(z.string()),
    max_completion_tokens: opt(z.number().int().positive()),
  }),
]);

export const modalitySchema = z.enum(['text', 'audio', 'animation', 'avatar']);

/** Audio without text is not allowed (§4.2). */
export const modalitiesSchema = z.array(modalitySchema).superRefine((value, ctx) => {
  if (value.includes('audio') && !value.includes('text')) {
    ctx.addIssue({ code: 'custom', message: '"audio" requires "text" in modalities' });
  }
});

/** Integer 1–4096 or `"inf"`. */
export const maxTokensSchema = z.union([z.number().int().min(1).max(4096), z.literal('inf')]);

export const reasoningEffortSchema = z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);

export const temperatureSchema = z.number().min(0).max(2);

export type NoiseReduction = z.infer<typeof noiseReductionSchema>;
export type EchoCancellation = z.infer<typeof echoCancellationSchema>;
export type InputAudioTranscription = z.infer<typeof inputAudioTranscriptionSchema>;
export type Animation = z.infer<typeof animationSchema>;
export type InterimResponse = z.infer<typeof interimResponseSchema>;
export type Modality = z.infer<typeof modalitySchema>;
export type MaxTokens = z.infer<typeof maxTokensSchema>;
export type ReasoningEffort = z.infer<typeof reasoningEffortSchema>;
