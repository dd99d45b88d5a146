import { z } from 'zod';

/**
 * Options of `source: { type: wav, … }` in an agent file (snake_case, like the rest of the file).
 *
 * @example
 * source:
 *   type: wav
 *   path: ../fixtures/audio/hello-24k.wav   # relative to the agent file's folder
 *   pace: realtime                            # or asap: as fast as the consumer takes it
 *   trailing_silence_ms: 1500                 # lets a server VAD end the turn
 */
export const wavSourceOptionsSchema = z
  .object({
    /** WAV file to play; a relative path resolves against the agent file's folder. */
    path: z.string().min(1),
    /**
     * `realtime` emits each frame when a microphone would have captured it (paced on the plugin
     * context's scheduler); `asap` emits as fast as the file reads, for replays and tests.
     * @default 'realtime'
     */
    pace: z.enum(['realtime', 'asap']).default('realtime'),
    /** Duration of each emitted frame. @default 20 */
    frame_ms: z.number().int().min(1).max(1000).default(20),
    /** Silence emitted before the file's audio. @default 0 */
    leading_silence_ms: z.number().int().min(0).max(600_000).default(0),
    /**
     * Silence emitted after the file's audio (after each repetition when looping), so a server VAD
     * sees the end of speech and ends the turn. @default 1000
     */
    trailing_silence_ms: z.number().int().min(0).max(600_000).default(1000),
    /** Repeat the file (and its trailing silence) forever; the stream then never completes. @default false */
    loop: z.boolean().default(false),
  })
  .strict();

/** Options as written in YAML (defaults optional). */
export type WavSourceYamlOptions = z.input<typeof wavSourceOptionsSchema>;
/** Options after validation (defaults applied). */
export type WavSourceParsedOptions = z.output<typeof wavSourceOptionsSchema>;

/** Options of {@link createWavSource} (camelCase, defaults as in the YAML schema). */
export interface WavSourceOptions {
  /** WAV file to play; a relative path resolves against `ctx.baseDir`. */
  readonly path: string;
  /** @default 'realtime' */
  readonly pace?: 'realtime' | 'asap';
  /** @default 20 */
  readonly frameMs?: number;
  /** @default 0 */
  readonly leadingSilenceMs?: number;
  /** @default 1000 */
  readonly trailingSilenceMs?: number;
  /** @default false */
  readonly loop?: boolean;
}

/** Maps validated YAML options to {@link WavSourceOptions}. */
export function toWavSourceOptions(options: WavSourceParsedOptions): WavSourceOptions {
  return {
    path: options.path,
    pace: options.pace,
    frameMs: options.frame_ms,
    leadingSilenceMs: options.leading_silence_ms,
    trailingSilenceMs: options.trailing_silence_ms,
    loop: options.loop,
  };
}
