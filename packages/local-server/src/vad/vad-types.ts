/** Turn-detection types of the protocol (§4.3). All run the same acoustic detector here. */
export type VadType =
  | 'server_vad'
  | 'azure_semantic_vad'
  | 'azure_semantic_vad_en'
  | 'azure_semantic_vad_multilingual'
  | 'semantic_vad';

/**
 * The acoustic detector: `energy` (default; no dependencies, about 0.05 % of a core per stream) or
 * `silero` (Silero VAD v5 on onnxruntime-node, optional packages; see the README's "VAD in noise").
 */
export type VadEngine = 'energy' | 'silero';

/** Options of one voice activity detector, taken from the session's `turn_detection`. */
export interface VadOptions {
  /**
   * Which detector. `silero` needs {@link loadSilero} to have finished first.
   * @default 'energy'
   */
  engine?: VadEngine;
  /** A {@link VadType}; anything else throws `E_VAD_OPTIONS`. */
  type: string;
  /** Activation threshold, 0..1: higher needs louder speech (relative to the noise floor) to trigger. */
  threshold: number;
  /** Audio kept before the detected onset: `audioStartMs = speechStartMs - prefixPaddingMs`, clamped at 0. */
  prefixPaddingMs: number;
  /** Silence that ends speech. */
  silenceDurationMs: number;
  /**
   * Speech needed before an onset counts.
   * @default 200 for `server_vad`, 80 for the semantic types (protocol §4.3)
   */
  speechDurationMs?: number;
  /** Input rate of {@link Vad.process}; only 16 kHz. */
  sampleRate: 16000;
}

/**
 * A streaming voice activity detector over 16 kHz mono PCM16.
 *
 * Times are on the cumulative timeline of all samples given to {@link Vad.process} since creation or
 * the last {@link Vad.reset}. Results do not depend on how the samples are chunked.
 */
export interface Vad {
  /**
   * Feeds samples of any length and returns the events decided within them, in order.
   * @throws VadError `E_VAD_INPUT` when `samples` is not an Int16Array
   */
  process(samples: Int16Array): VadEvent[];
  /** Forgets all state: the timeline restarts at 0 and the noise floor is learnt again. */
  reset(): void;
  /** Duration of the audio processed so far, in ms. */
  readonly positionMs: number;
}

export type VadEvent =
  | {
      type: 'speech_started';
      /** `speechStartMs - prefixPaddingMs`, clamped at 0. */
      audioStartMs: number;
      /** Detected onset. */
      speechStartMs: number;
    }
  | {
      type: 'speech_stopped';
      /** Where the end was decided: `speechEndMs + silenceDurationMs`. */
      audioEndMs: number;
      /** Detected offset. */
      speechEndMs: number;
    };

/** Decides, frame by frame, whether a fixed-size frame of audio holds speech. */
export interface FrameClassifier {
  /** Samples per frame this classifier takes. */
  readonly frameSamples: number;
  isSpeech(frame: Int16Array): boolean;
  /**
   * Right after `isSpeech` turned true: how many frames just before it already belonged to that
   * speech (above a lower continuation level), so the onset is dated back to them. A detector with
   * hysteresis uses it to apply its lower level backwards as well as forwards. @default 0
   */
  onsetLeadFrames?(): number;
  /** Gaps inside a would-be onset that do not restart the count of `speechDurationMs`. @default 100 */
  readonly onsetGapMs?: number;
  reset(): void;
}
