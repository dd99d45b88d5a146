import { z } from 'zod';

import { inputAudioFormatSchema, outputAudioFormatSchema } from './audio-formats.js';
import { avatarSchema } from './avatar.js';
import { opt, stringMapSchema } from './common.js';
import {
  animationSchema,
  echoCancellationSchema,
  inputAudioTranscriptionSchema,
  interimResponseSchema,
  maxTokensSchema,
  modalitiesSchema,
  noiseReductionSchema,
  reasoningEffortSchema,
  temperatureSchema,
} from './session-features.js';
import { toolChoiceSchema, toolSchema } from './tools.js';
import { turnDetectionSchema } from './turn-detection.js';
import { voiceSchema } from './voice.js';

/** Every session field (§4.2). All optional; `null` turns a feature off. */
const sessionFields = {
  /** Fixed by the connection; a server refuses a change. */
  model: opt(z.string()),
  modalities: opt(modalitiesSchema),
  /** `""` clears the instructions. */
  instructions: opt(z.string()),
  voice: opt(voiceSchema),
  input_audio_format: opt(inputAudioFormatSchema),
  /** Hz. pcm16 takes 8000/16000/24000 and the service echoes others such as 44100. */
  input_audio_sampling_rate: opt(z.number().int().positive()),
  output_audio_format: opt(outputAudioFormatSchema),
  turn_detection: opt(turnDetectionSchema),
  input_audio_noise_reduction: opt(noiseReductionSchema),
  input_audio_echo_cancellation: opt(echoCancellationSchema),
  input_audio_transcription: opt(inputAudioTranscriptionSchema),
  output_audio_timestamp_types: opt(z.array(z.enum(['word']))),
  animation: opt(animationSchema),
  avatar: opt(avatarSchema),
  tools: opt(z.array(toolSchema)),
  tool_choice: opt(toolChoiceSchema),
  temperature: opt(temperatureSchema),
  max_response_output_tokens: opt(maxTokensSchema),
  reasoning_effort: opt(reasoningEffortSchema),
  interim_response: opt(interimResponseSchema),
  include: opt(
    z.array(
      z.enum([
        'item.input_audio_transcription.logprobs',
        'item.input_audio_transcription.phrases',
        'file_search_call.results',
      ]),
    ),
  ),
  metadata: opt(stringMapSchema),
};

/** The request form of `session`, as sent in `session.update`. */
export const sessionConfigSchema = z.looseObject(sessionFields);

/** `session.agent` in agent mode. */
export const sessionAgentSchema = z.looseObject({
  type: z.literal('agent'),
  name: z.string(),
  description: opt(z.string()),
  agent_id: z.string(),
  thread_id: z.string(),
});

/** The response form of `session`, as sent in `session.created`/`session.updated`. */
export const sessionObjectSchema = z.looseObject({
  ...sessionFields,
  /** Non-empty: the JS SDK drops every event until it has seen a session id. */
  id: z.string().min(1),
  object: z.literal('realtime.session'),
  /** Unix seconds. */
  expires_at: opt(z.number().int()),
  agent: opt(sessionAgentSchema),
});

export type SessionConfig = z.infer<typeof sessionConfigSchema>;
export type SessionObject = z.infer<typeof sessionObjectSchema>;
export type SessionAgent = z.infer<typeof sessionAgentSchema>;
