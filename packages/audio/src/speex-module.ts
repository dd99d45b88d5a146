import { AudioError } from './audio-error.js';

/**
 * The Emscripten exports of the SpeexDSP resampler build we call. Pointers are byte offsets into
 * the module's linear memory; the `HEAP*` views must be re-read after any `_malloc`, because a
 * memory growth detaches the old ones.
 *
 * @internal
 */
export interface SpeexWasmModule {
  readonly HEAP16: Int16Array;
  readonly HEAP32: Int32Array;
  readonly HEAPU32: Uint32Array;
  _malloc(byteLength: number): number;
  _free(pointer: number): void;
  _speex_resampler_init(
    channels: number,
    inRate: number,
    outRate: number,
    quality: number,
    errorPointer: number,
  ): number;
  _speex_resampler_process_int(
    state: number,
    channelIndex: number,
    inPointer: number,
    inLengthPointer: number,
    outPointer: number,
    outLengthPointer: number,
  ): number;
  _speex_resampler_skip_zeros(state: number): number;
  _speex_resampler_reset_mem(state: number): number;
  _speex_resampler_get_input_latency(state: number): number;
  _speex_resampler_destroy(state: number): void;
}

let modulePromise: Promise<SpeexWasmModule> | undefined;

/**
 * Instantiates the speex WASM module once per process (the SIMD build, or the plain one where
 * WASM SIMD is missing) and shares it between all resamplers.
 *
 * @internal
 */
export function loadSpeexModule(): Promise<SpeexWasmModule> {
  modulePromise ??= instantiate().catch((error: unknown) => {
    modulePromise = undefined; // let a later call retry rather than caching the failure
    throw new AudioError('E_AUDIO_RESAMPLER', 'could not load the speex resampler WASM module', {
      cause: error,
    });
  });
  return modulePromise;
}

async function instantiate(): Promise<SpeexWasmModule> {
  try {
    const simd = await import('@echogarden/speex-resampler-wasm/simd');
    return (await simd.default()) as SpeexWasmModule;
  } catch {
    const plain = await import('@echogarden/speex-resampler-wasm');
    return (await plain.default()) as SpeexWasmModule;
  }
}
