import { createEnergyClassifier } from './energy-classifier.js';
import { createFvadClassifier, loadFvad } from './fvad-classifier.js';
import { resolveVadOptions } from './resolve-vad-options.js';
import { createSileroClassifier } from './silero-classifier.js';
import { loadedSilero, loadSilero } from './silero-engine.js';
import { createTurnSegmenter } from './turn-segmenter.js';
import { VadError } from './vad-error.js';
import type { FrameClassifier, Vad, VadEvent, VadOptions } from './vad-types.js';

const SAMPLES_PER_MS = 16;

/**
 * Builds a {@link Vad} from a frame classifier and the shared timing rules. Input is cut into the
 * classifier's frames whatever the chunking, so results are chunk-size independent.
 */
export function createVadWithClassifier(options: VadOptions, classifier: FrameClassifier): Vad {
  const resolved = resolveVadOptions(options);
  const frameSamples = classifier.frameSamples;
  const segmenter = createTurnSegmenter(
    resolved,
    frameSamples / SAMPLES_PER_MS,
    classifier.onsetGapMs,
  );
  const pending = new Int16Array(frameSamples);
  let pendingLength = 0;
  let samplesSeen = 0;

  return {
    process(samples) {
      if (!(samples instanceof Int16Array)) {
        throw new VadError(
          'E_VAD_INPUT',
          'Vad.process takes an Int16Array of 16 kHz PCM16 samples',
        );
      }
      const events: VadEvent[] = [];
      const push = (frame: Int16Array): void => {
        const speech = classifier.isSpeech(frame);
        const event = segmenter.push(speech, speech ? (classifier.onsetLeadFrames?.() ?? 0) : 0);
        if (event) events.push(event);
      };
      let offset = 0;
      if (pendingLength > 0) {
        offset = Math.min(frameSamples - pendingLength, samples.length);
        pending.set(samples.subarray(0, offset), pendingLength);
        pendingLength += offset;
        if (pendingLength === frameSamples) {
          push(pending);
          pendingLength = 0;
        }
      }
      for (; offset + frameSamples <= samples.length; offset += frameSamples) {
        push(samples.subarray(offset, offset + frameSamples));
      }
      if (offset < samples.length) {
        pending.set(samples.subarray(offset), pendingLength);
        pendingLength += samples.length - offset;
      }
      samplesSeen += samples.length;
      return events;
    },
    reset() {
      classifier.reset();
      segmenter.reset();
      pendingLength = 0;
      samplesSeen = 0;
    },
    get positionMs() {
      return samplesSeen / SAMPLES_PER_MS;
    },
  };
}

/**
 * Creates a detector: by default the energy detector with hysteresis and an adaptive noise floor
 * (synchronous, nothing to load); with `engine: 'silero'` the Silero model, which
 * {@link loadSilero} must have loaded before.
 * @throws VadError `E_VAD_OPTIONS` naming the bad option; `E_VAD_ENGINE` for `silero` not loaded
 * @example
 * const vad = createVad({ type: 'server_vad', threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500, sampleRate: 16000 });
 * for (const event of vad.process(samples16k)) console.log(event.type);
 */
export function createVad(options: VadOptions): Vad {
  const { engine } = resolveVadOptions(options);
  if (engine === 'silero') {
    const silero = loadedSilero();
    if (!silero) {
      throw new VadError('E_VAD_ENGINE', "engine 'silero': call loadSilero() before createVad()");
    }
    return createVadWithClassifier(options, createSileroClassifier(silero, options.threshold));
  }
  return createVadWithClassifier(options, createEnergyClassifier({ threshold: options.threshold }));
}

/**
 * Creates a detector on the Silero VAD v5 model, loading it first if needed.
 * @throws VadError `E_VAD_OPTIONS` or `E_VAD_ENGINE` (optional packages missing)
 */
export async function createSileroVad(options: VadOptions): Promise<Vad> {
  resolveVadOptions(options);
  await loadSilero();
  return createVad({ ...options, engine: 'silero' });
}

/**
 * Creates a detector on WebRTC's VAD (libfvad as wasm) with the same timing rules. Async because
 * the wasm module loads on first use (then it is cached).
 * @throws VadError `E_VAD_OPTIONS` or `E_VAD_ENGINE`
 */
export async function createFvadVad(options: VadOptions): Promise<Vad> {
  resolveVadOptions(options);
  const module = await loadFvad();
  return createVadWithClassifier(options, createFvadClassifier(module, options.threshold));
}
