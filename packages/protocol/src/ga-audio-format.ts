import { z } from 'zod';

import { opt } from './common.js';

/** `v1` audio format (OpenAI GA): PCM16 at `rate` Hz (24000 when absent). */
export const gaPcmFormatSchema = z.looseObject({
  type: z.literal('audio/pcm'),
  rate: opt(z.number().int().positive()),
});
/** `v1` G.711 μ-law, always 8 kHz. */
export const gaPcmuFormatSchema = z.looseObject({ type: z.literal('audio/pcmu') });
/** `v1` G.711 A-law, always 8 kHz. */
export const gaPcmaFormatSchema = z.looseObject({ type: z.literal('audio/pcma') });

/** `audio.input.format` / `audio.output.format` on `v1`. */
export const gaAudioFormatSchema = z.discriminatedUnion('type', [
  gaPcmFormatSchema,
  gaPcmuFormatSchema,
  gaPcmaFormatSchema,
]);

export type GaAudioFormat = z.infer<typeof gaAudioFormatSchema>;
