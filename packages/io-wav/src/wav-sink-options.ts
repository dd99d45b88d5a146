import type { AudioFormat } from '@voxd/audio';
import { z } from 'zod';

/**
 * Names of the sink's audio format: Voice Live's `output_audio_format` values. `pcm16` is 24 kHz,
 * as on the wire.
 */
export const WAV_SINK_FORMATS = [
  'pcm16',
  'pcm16_8000hz',
  'pcm16_16000hz',
  'pcm16_24000hz',
  'g711_ulaw',
  'g711_alaw',
] as const;
export type WavSinkFormatName = (typeof WAV_SINK_FORMATS)[number];

/**
 * Options of `sink: { type: wav, … }` in an agent file.
 *
 * @example
 * sink:
 *   type: wav
 *   path: out/call.wav
 *   mode: conversation   # user and assistant on one timeline
 */
export const wavSinkOptionsSchema = z
  .object({
    /** WAV file to write (replaced if it exists); relative paths resolve against the agent file's folder. */
    path: z.string().min(1),
    /**
     * `realtime` plays on a clock like a speaker: audio is written as the playhead passes it and
     * `playedMs` is what a listener would have heard. `asap` plays every frame the moment it
     * arrives (fast replays). @default 'realtime'
     */
    pace: z.enum(['realtime', 'asap']).default('realtime'),
    /**
     * Format of the assistant audio, named like the session's `output_audio_format`. Leave it out
     * to let the app fill in the session's format; `createWavSink` falls back to `pcm16` (24 kHz).
     */
    format: z.enum(WAV_SINK_FORMATS).optional(),
    /**
     * `assistant` records the assistant audio as heard (what a barge-in flushed is not written);
     * `conversation` also records the user audio fed to `recordInput`, on one timeline with
     * silence in the gaps. @default 'assistant'
     */
    mode: z.enum(['assistant', 'conversation']).default('assistant'),
  })
  .strict();

export type WavSinkYamlOptions = z.input<typeof wavSinkOptionsSchema>;
export type WavSinkParsedOptions = z.output<typeof wavSinkOptionsSchema>;

/** Options of {@link createWavSink}. */
export interface WavSinkOptions {
  /** File to write; a relative path resolves against `ctx.baseDir`. */
  readonly path: string;
  /** @default 'realtime' */
  readonly pace?: 'realtime' | 'asap';
  /** Format of the frames given to `play` (and of the file). @default PCM16_24K */
  readonly format?: AudioFormat;
  /** @default 'assistant' */
  readonly mode?: 'assistant' | 'conversation';
  /** Rewrite the header sizes after each write (see `WavFileWriterOptions`). @default true */
  readonly patchHeader?: boolean;
}

/** The `AudioFormat` of an `output_audio_format` name. */
export function audioFormatOf(name: WavSinkFormatName): AudioFormat {
  switch (name) {
    case 'g711_ulaw':
      return { encoding: 'g711_ulaw', sampleRate: 8000, channels: 1 };
    case 'g711_alaw':
      return { encoding: 'g711_alaw', sampleRate: 8000, channels: 1 };
    case 'pcm16_8000hz':
      return { encoding: 'pcm16', sampleRate: 8000, channels: 1 };
    case 'pcm16_16000hz':
      return { encoding: 'pcm16', sampleRate: 16000, channels: 1 };
    case 'pcm16':
    case 'pcm16_24000hz':
      return { encoding: 'pcm16', sampleRate: 24000, channels: 1 };
  }
}

/** Maps validated YAML options to {@link WavSinkOptions}. */
export function toWavSinkOptions(options: WavSinkParsedOptions): WavSinkOptions {
  return {
    path: options.path,
    pace: options.pace,
    mode: options.mode,
    ...(options.format === undefined ? {} : { format: audioFormatOf(options.format) }),
  };
}
