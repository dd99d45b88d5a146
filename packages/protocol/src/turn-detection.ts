import { z } from 'zod';

import { nonNegativeInt, opt } from './common.js';

/** Semantic end-of-turn model that can sit on top of any VAD type (§4.3). */
export const endOfUtteranceDetectionSchema = z.looseObject({
  model: z.enum([
    'semantic_detection_v1',
    'semantic_detection_v1_en',
    'semantic_detection_v1_multilingual',
  ]),
  threshold_level: opt(z.enum(['low', 'medium', 'high', 'default'])),
  timeout_ms: opt(nonNegativeInt),
});

/** Fields shared by every VAD type. */
const vadFields = {
  /** Activation threshold, 0–1. */
  threshold: opt(z.number().min(0).max(1)),
  prefix_padding_ms: opt(nonNegativeInt),
  silence_duration_ms: opt(nonNegativeInt),
  create_response: opt(z.boolean()),
  interrupt_response: opt(z.boolean()),
  auto_truncate: opt(z.boolean()),
  end_of_utterance_detection: opt(endOfUtteranceDetectionSchema),
};

const azureSemanticFields = {
  ...vadFields,
  speech_duration_ms: opt(nonNegativeInt),
  remove_filler_words: opt(z.boolean()),
  appended_text_after_truncation: opt(z.string()),
};

export const serverVadSchema = z.looseObject({
  type: z.literal('server_vad'),
  ...vadFields,
  speech_duration_ms: opt(nonNegativeInt),
});

export const azureSemanticVadSchema = z.looseObject({
  type: z.literal('azure_semantic_vad'),
  ...azureSemanticFields,
  languages: opt(z.array(z.string())),
});

export const azureSemanticVadEnSchema = z.looseObject({
  type: z.literal('azure_semantic_vad_en'),
  ...azureSemanticFields,
});

export const azureSemanticVadMultilingualSchema = z.looseObject({
  type: z.literal('azure_semantic_vad_multilingual'),
  ...azureSemanticFields,
  languages: opt(z.array(z.string())),
});

/** OpenAI semantic VAD (gpt-realtime models only). */
export const semanticVadSchema = z.looseObject({
  type: z.literal('semantic_vad'),
  ...vadFields,
  eagerness: opt(z.enum(['auto', 'low', 'medium', 'high'])),
});

/** `session.turn_detection` (without `null`, which turns VAD off). */
export const turnDetectionSchema = z.discriminatedUnion('type', [
  serverVadSchema,
  azureSemanticVadSchema,
  azureSemanticVadEnSchema,
  azureSemanticVadMultilingualSchema,
  semanticVadSchema,
]);

export type TurnDetection = z.infer<typeof turnDetectionSchema>;
export type TurnDetectionType = TurnDetection['type'];
export type EndOfUtteranceDetection = z.infer<typeof endOfUtteranceDetectionSchema>;
