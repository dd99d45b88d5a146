import { z } from 'zod';

/** `input_audio_format`. */
export const inputAudioFormatSchema = z.enum(['pcm16', 'g711_ulaw', 'g711_alaw']);

/**
 * `output_audio_format`: the GA names, the (2026+) and Azure-voice rate variants, and any other
 * `pcm16_<rate>hz` the service may add, because the reference says the service takes more than it
 * documents.
 */
export const outputAudioFormatSchema = z.union([
  z.enum([
    'pcm16',
    'g711_ulaw',
    'g711_alaw',
    'pcm16_8000hz',
    'pcm16_16000hz',
    'pcm16_22050hz',
    'pcm16_24000hz',
    'pcm16_44100hz',
    'pcm16_48000hz',
  ]),
  z.templateLiteral(['pcm16_', z.number().int().positive(), 'hz']),
]);

/** Every audio format name the protocol uses, input or output. */
export type AudioFormatName = z.infer<typeof outputAudioFormatSchema>;
export type InputAudioFormatName = z.infer<typeof inputAudioFormatSchema>;
