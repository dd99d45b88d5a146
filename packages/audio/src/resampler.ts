import { AudioError } from './audio-error.js';
import { loadSpeexModule, type SpeexWasmModule } from './speex-module.js';

/** Options of {@link createResampler}. */
export interface ResamplerOptions {
  /** Input rate in Hz: any positive integer, not only a voxd `SampleRate` (e.g. 22050 Hz TTS). */
  readonly fromRate: number;
  /** Output rate in Hz: any positive integer. */
  readonly toRate: number;
  /**
   * Speex quality, 0 (fastest) to 10 (best). 5 ("desktop") keeps the passband flat to ~0.9 ×
   * Nyquist with a stopband that removes aliasing well below 16-bit noise for speech.
   * @default 5
   */
  readonly quality?: number;
}

/**
 * A streaming sample-rate converter for mono 16-bit audio. It keeps filter state across calls, so
 * a stream cut into chunks of any size gives the same output as the stream in one piece.
 */
export interface Resampler {
  readonly fromRate: number;
  readonly toRate: number;
  /**
   * Converts the next chunk of the stream. The output lags the input by the filter delay until
   * {@link Resampler.flush}. When the rates are equal, returns `samples` itself.
   * @throws {AudioError} `E_AUDIO_RESAMPLER` after `dispose()`.
   */
  process(samples: Int16Array): Int16Array;
  /**
   * Ends the stream: returns the delayed tail, so that the whole stream's output has exactly
   * `round(inputSamples × toRate / fromRate)` samples, then resets so a new stream can start.
   */
  flush(): Int16Array;
  /** Frees the WASM memory. Idempotent; a disposed resampler throws on use. */
  dispose(): void;
  /** `dispose()`, for `using resampler = await createResampler(…)`. */
  [Symbol.dispose](): void;
}

const DEFAULT_QUALITY = 5;
/**
 * Resamples a complete clip in one call (create → process → flush → dispose).
 *
 * @example
 * const speech24k = await resampleSamples(espeakSamples, { fromRate: 22050, toRate: 24000 });
 */
export async function resampleSamples(
  samples: Int16Array,
  options: ResamplerOptions,
): Promise<Int16Array> {
  const resampler = await createResampler(options);
  try {
    const head = resampler.process(samples);
    const tail = resampler.flush();
    if (tail.length === 0) return head;
    const all = new Int16Array(head.length + tail.length);
    all.set(head);
    all.set(tail, head.length);
    return all;
  } finally {
    resampler.dispose();
  }
}

/** Input samples per WASM call: bounds the WASM buffers whatever the chunk size. */
const BLOCK_SAMPLES = 4096;

interface NativeState {
  readonly module: SpeexWasmModule;
  readonly state: number;
  readonly buffers: number;
}

// Frees the WASM state of a resampler that was garbage-collected without dispose().
const leakGuard = new FinalizationRegistry<NativeState>(freeNative);

function freeNative(native: NativeState): void {
  native.module._speex_resampler_destroy(native.state);
  native.module._free(native.buffers);
}

/**
 * Creates a streaming resampler backed by the SpeexDSP resampler compiled to WASM. The module is
 * instantiated once per process; after that, creation is cheap.
 *
 * @example
 * const resampler = await createResampler({ fromRate: 24000, toRate: 8000 });
 * for (const chunk of chunks) send(resampler.process(chunk));
 * send(resampler.flush());
 * resampler.dispose();
 * @throws {AudioError} `E_AUDIO_INVALID_ARGUMENT` for a quality outside 0–10 or a bad rate.
 */
export async function createResampler(options: ResamplerOptions): Promise<Resampler> {
  const { fromRate, toRate } = options;
  const quality = options.quality ?? DEFAULT_QUALITY;
  validate(fromRate, toRate, quality);
  if (fromRate === toRate) return createPassthrough(fromRate);
  const module = await loadSpeexModule();
  return createSpeexResampler(module, { fromRate, toRate, quality });
}

function validate(fromRate: number, toRate: number, quality: number): void {
  for (const [name, rate] of [
    ['fromRate', fromRate],
    ['toRate', toRate],
  ] as const) {
    if (!Number.isInteger(rate) || rate <= 0) {
      throw new AudioError('E_AUDIO_INVALID_ARGUMENT', `${name} ${rate} is not a positive integer`);
    }
  }
  if (!Number.isInteger(quality) || quality < 0 || quality > 10) {
    throw new AudioError(
      'E_AUDIO_INVALID_ARGUMENT',
      `resampler quality ${quality} is not an integer from 0 to 10`,
    );
  }
}

function createPassthrough(rate: number): Resampler {
  return {
    fromRate: rate,
    toRate: rate,
    process: (samples) => samples,
    flush: () => new Int16Array(0),
    dispose: () => undefined,
    [Symbol.dispose]: () => undefined,
  };
}

function createSpeexResampler(
  module: SpeexWasmModule,
  options: Required<ResamplerOptions>,
): Resampler {
  const { fromRate, toRate, quality } = options;
  const ratio = toRate / fromRate;
  const outCapacity = Math.ceil(BLOCK_SAMPLES * ratio) + 16;
  // One allocation: [inLength u32][outLength u32][error i32][input i16 × BLOCK][output i16 × cap]
  const buffers = module._malloc(12 + BLOCK_SAMPLES * 2 + outCapacity * 2);
  const inLengthPtr = buffers;
  const outLengthPtr = buffers + 4;
  const errorPtr = buffers + 8;
  const inPtr = buffers + 12;
  const outPtr = inPtr + BLOCK_SAMPLES * 2;
  const state = module._speex_resampler_init(1, fromRate, toRate, quality, errorPtr);
  if (state === 0) {
    const code = module.HEAP32[errorPtr >> 2];
    module._free(buffers);
    throw new AudioError('E_AUDIO_RESAMPLER', `speex_resampler_init failed with error ${code}`);
  }
  // Drop the filter's leading delay so output sample 0 lines up with input sample 0.
  module._speex_resampler_skip_zeros(state);
  const latencySamples = module._speex_resampler_get_input_latency(state);
  const native: NativeState = { module, state, buffers };
  const token = {};
  leakGuard.register(token, native, token);

  let disposed = false;
  let inputSamples = 0;
  let outputSamples = 0;

  function run(samples: Int16Array, maxOutput: number): Int16Array {
    if (disposed) throw new AudioError('E_AUDIO_RESAMPLER', 'resampler used after dispose()');
    let out = new Int16Array(Math.min(maxOutput, Math.ceil(samples.length * ratio) + 16));
    let written = 0;
    let offset = 0;
    while (offset < samples.length) {
      const blockLength = Math.min(BLOCK_SAMPLES, samples.length - offset);
      const heap16 = module.HEAP16; // fresh view: memory may have grown since the last call
      const heapU32 = module.HEAPU32;
      heap16.set(samples.subarray(offset, offset + blockLength), inPtr >> 1);
      heapU32[inLengthPtr >> 2] = blockLength;
      heapU32[outLengthPtr >> 2] = outCapacity;
      module._speex_resampler_process_int(state, 0, inPtr, inLengthPtr, outPtr, outLengthPtr);
      const consumed = heapU32[inLengthPtr >> 2] ?? 0;
      const produced = Math.min(heapU32[outLengthPtr >> 2] ?? 0, maxOutput - written);
      if (consumed === 0 && produced === 0) {
        // Cannot happen with an output buffer sized for the block; guards against a silent hang.
        throw new AudioError('E_AUDIO_RESAMPLER', 'speex resampler made no progress');
      }
      if (written + produced > out.length) {
        const grown = new Int16Array(Math.max(out.length * 2, written + produced));
        grown.set(out.subarray(0, written));
        out = grown;
      }
      out.set(heap16.subarray(outPtr >> 1, (outPtr >> 1) + produced), written);
      written += produced;
      offset += consumed;
    }
    return out.subarray(0, written);
  }

  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    leakGuard.unregister(token);
    freeNative(native);
  };

  return {
    fromRate,
    toRate,
    dispose,
    [Symbol.dispose]: dispose,
    process(samples) {
      inputSamples += samples.length;
      const out = run(samples, Number.POSITIVE_INFINITY);
      outputSamples += out.length;
      return out;
    },
    flush() {
      const expected = Math.round((inputSamples * toRate) / fromRate);
      const tail = new Int16Array(Math.max(0, expected - outputSamples));
      let filled = 0;
      // Zeros push the delayed samples out of the filter; a few rounds at most.
      const zeros = new Int16Array(Math.max(latencySamples, 1) + 1);
      for (let round = 0; filled < tail.length && round < 8; round++) {
        const chunk = run(zeros, tail.length - filled);
        tail.set(chunk, filled);
        filled += chunk.length;
      }
      module._speex_resampler_reset_mem(state);
      module._speex_resampler_skip_zeros(state);
      inputSamples = 0;
      outputSamples = 0;
      return tail.subarray(0, filled);
    },
  };
}
