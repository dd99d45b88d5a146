import {
  SILERO_CONTEXT_SAMPLES,
  SILERO_STATE_SIZE,
  SILERO_WINDOW_SAMPLES,
} from './silero-engine.js';
import type { SileroEngine } from './silero-engine.js';
import type { FrameClassifier } from './vad-types.js';

// No hysteresis, unlike Silero's reference rule (threshold − 0.15 to go on): the probability decays
// for 150–250 ms after the last word, and with 0.15 `audio_end_ms` came up to 250 ms past the bound
// on the noisy fixtures; with none, white and pink noise hold it down to 5 dB SNR.
const HYSTERESIS = 0;

/** Silero VAD v5 on 32 ms windows at 16 kHz: speech while the model's probability is ≥ `threshold`. */
export function createSileroClassifier(engine: SileroEngine, threshold: number): FrameClassifier {
  const input = new Float32Array(SILERO_CONTEXT_SAMPLES + SILERO_WINDOW_SAMPLES);
  const state = new Float32Array(SILERO_STATE_SIZE);
  const offThreshold = Math.max(0.01, threshold - HYSTERESIS);
  let active = false;
  return {
    frameSamples: SILERO_WINDOW_SAMPLES,
    isSpeech(frame) {
      // The last 64 samples of the previous window lead this one, as the model was trained.
      input.copyWithin(0, SILERO_WINDOW_SAMPLES);
      for (let i = 0; i < SILERO_WINDOW_SAMPLES; i++) {
        input[SILERO_CONTEXT_SAMPLES + i] = (frame[i] as number) / 32768;
      }
      const probability = engine.infer(input, state);
      active = probability >= (active ? offThreshold : threshold);
      return active;
    },
    reset() {
      input.fill(0);
      state.fill(0);
      active = false;
    },
  };
}
