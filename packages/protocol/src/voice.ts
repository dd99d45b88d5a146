import { z } from 'zod';

import { opt } from './common.js';

/** OpenAI voice names, usable bare (`"voice": "alloy"`) or as `{type: "openai", name}` (§4.4). */
export const openAiVoiceNameSchema = z.enum([
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'sage',
  'shimmer',
  'verse',
  'marin',
  'cedar',
]);

/** The optional tuning fields every Azure voice type takes (§4.4). */
const azureVoiceOptions = {
  /** 0–1; HD voices only. */
  temperature: opt(z.number().min(0).max(1)),
  /** A multiplier such as `"1.2"` or SSML-style `"+10%"`/`"fast"`. */
  rate: opt(z.string()),
  pitch: opt(z.string()),
  volume: opt(z.string()),
  style: opt(z.string()),
  locale: opt(z.string()),
  prefer_locales: opt(z.array(z.string())),
  custom_lexicon_url: opt(z.string()),
  custom_text_normalization_url: opt(z.string()),
};

export const openAiVoiceSchema = z.looseObject({
  type: z.literal('openai'),
  name: openAiVoiceNameSchema,
});

export const azureStandardVoiceSchema = z.looseObject({
  type: z.literal('azure-standard'),
  /** e.g. `en-US-AvaNeural` or the HD voice `en-US-Ava:DragonHDLatestNeural`. */
  name: z.string().min(1),
  ...azureVoiceOptions,
});

export const azureCustomVoiceSchema = z.looseObject({
  type: z.literal('azure-custom'),
  name: z.string().min(1),
  endpoint_id: z.string().min(1),
  ...azureVoiceOptions,
});

export const azurePersonalVoiceModelSchema = z.enum([
  'DragonLatestNeural',
  'PhoenixLatestNeural',
  'PhoenixV2Neural',
  'DragonHDOmniLatestNeural',
  'MAI-Voice-1',
]);

export const azurePersonalVoiceSchema = z.looseObject({
  type: z.literal('azure-personal'),
  name: z.string().min(1),
  model: azurePersonalVoiceModelSchema,
  ...azureVoiceOptions,
});

/** (2026+) */
export const avatarVoiceSyncVoiceSchema = z.looseObject({
  type: z.literal('avatar-voice-sync'),
  model: z.string().min(1),
  ...azureVoiceOptions,
});

/** (2026+) voices of the `azure-realtime` model. */
export const azureRealtimeNativeVoiceSchema = z.looseObject({
  type: z.literal('azure-realtime-native'),
  name: z.enum([
    'aarti',
    'andrew',
    'ava',
    'denise',
    'diya',
    'elsa',
    'florian',
    'francisca',
    'meera',
    'xiaoxiao',
    'yunxi',
    'ximena',
  ]),
});

/** Every accepted form of `voice`: a bare OpenAI name or one of the typed objects. */
export const voiceSchema = z.union([
  openAiVoiceNameSchema,
  z.discriminatedUnion('type', [
    openAiVoiceSchema,
    azureStandardVoiceSchema,
    azureCustomVoiceSchema,
    azurePersonalVoiceSchema,
    avatarVoiceSyncVoiceSchema,
    azureRealtimeNativeVoiceSchema,
  ]),
]);

export type Voice = z.infer<typeof voiceSchema>;
export type OpenAiVoiceName = z.infer<typeof openAiVoiceNameSchema>;
