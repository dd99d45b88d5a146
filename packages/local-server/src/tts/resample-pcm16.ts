import type { SpeexWasmModule } from '@echogarden/speex-resampler-wasm/simd';

import { TtsError } from './tts-error.js';

let modulePromise: Promise<SpeexWasmModule> | undefined;

function loadSpeex(): Promise<SpeexWasmModule> {
  modulePromise ??= import('@echogarden/speex-resampler-wasm/simd')
    .then((m) => m.default())
    .catch((cause: unknown) => {
      modulePromise = undefined;
      throw new TtsError('E_TTS_ENGINE', 'cannot load @echogarden/speex-resampler-wasm', { cause });
    });
  return modulePromise;
}

// Speex quality 0..10; 7 is clean for speech and still far faster than real time.
const QUALITY = 7;

/**
 * Resamples a whole PCM16 buffer between any two rates with the Speex resampler (wasm), aligned:
 * the filter delay is removed and the tail flushed, so output sample i sits at input time
 * i / toRate. Length: `round(samples.length * toRate / fromRate)`.
 * @throws TtsError `E_TTS_ENGINE` when the resampler cannot be loaded or fails
 */
export async function resamplePcm16(
  samples: Int16Array,
  fromRate: number,
  toRate: number,
): Promise<Int16Array> {
  if (fromRate === toRate) return samples.slice();
  const speex = await loadSpeex();
  const outLength = Math.round((samples.length * toRate) / fromRate);
  const state = speex._speex_resampler_init(1, fromRate, toRate, QUALITY, 0);
  if (state === 0)
    throw new TtsError('E_TTS_ENGINE', `speex: cannot resample ${fromRate} → ${toRate} Hz`);
  try {
    speex._speex_resampler_skip_zeros(state);
    const latency = speex._speex_resampler_get_input_latency(state);
    const input = new Int16Array(samples.length + latency);
    input.set(samples);
    const inPointer = speex._malloc(input.length * 2);
    const outCapacity = Math.ceil((input.length * toRate) / fromRate) + 16;
    const outPointer = speex._malloc(outCapacity * 2);
    const lengths = speex._malloc(8);
    try {
      speex.HEAP16.set(input, inPointer >> 1);
      speex.HEAPU32[lengths >> 2] = input.length;
      speex.HEAPU32[(lengths >> 2) + 1] = outCapacity;
      const err = speex._speex_resampler_process_int(
        state,
        0,
        inPointer,
        lengths,
        outPointer,
        lengths + 4,
      );
      if (err !== 0)
        throw new TtsError('E_TTS_ENGINE', `speex: resampling failed with code ${err}`);
      const produced = speex.HEAPU32[(lengths >> 2) + 1] ?? 0;
      const out = new Int16Array(outLength);
      out.set(
        speex.HEAP16.subarray(outPointer >> 1, (outPointer >> 1) + Math.min(produced, outLength)),
      );
      return out;
    } finally {
      speex._free(inPointer);
      speex._free(outPointer);
      speex._free(lengths);
    }
  } finally {
    speex._speex_resampler_destroy(state);
  }
}
