import { AudioError } from './audio-error.js';

// Linear interpolation: no anti-aliasing filter, so downsampling folds energy above the new
// Nyquist back into the band. Fine where only the envelope matters (a VAD's input, a log); use
// createResampler (speex) for audio a model or a listener depends on. It is synchronous, any rate
// pair, and holds no WebAssembly memory, which thousands of idle sessions should not pay for.

/** Options of {@link createLinearResampler}. */
export interface LinearResamplerOptions {
  /**
   * Return a view of one output buffer that each `push` overwrites, instead of a new array per
   * push: no garbage per chunk, for a consumer that reads the output at once (a VAD) and keeps
   * nothing. @default false
   */
  readonly reuseOutput?: boolean;
}

/** A streaming linear-interpolation resampler (see {@link createLinearResampler}). */
export interface LinearResampler {
  readonly fromRate: number;
  readonly toRate: number;
  /**
   * Converts the next chunk of the stream into a new array (or `samples` itself when the rates
   * are equal; with `reuseOutput`, a view that the next push overwrites). Interpolation carries across chunks: any chunking gives the output of one pass
   * (the output for the stream's last input sample waits for its right neighbour).
   */
  push(samples: Int16Array): Int16Array;
}

function checkRates(fromRate: number, toRate: number): void {
  for (const [name, rate] of [
    ['fromRate', fromRate],
    ['toRate', toRate],
  ] as const) {
    if (!Number.isSafeInteger(rate) || rate <= 0) {
      throw new AudioError('E_AUDIO_INVALID_ARGUMENT', `${name} ${rate} is not a positive integer`);
    }
  }
}

/**
 * Creates a synchronous streaming resampler by linear interpolation between neighbouring samples.
 * Output sample k of the stream is taken at input position k × fromRate / toRate, computed in
 * integers, so the output does not depend on how the stream is cut into chunks.
 *
 * @throws {AudioError} `E_AUDIO_INVALID_ARGUMENT` for a rate that is not a positive integer.
 * @example
 * const toVad = createLinearResampler(24000, 16000);
 * vad.process(toVad.push(samples24k));
 */
export function createLinearResampler(
  fromRate: number,
  toRate: number,
  options: LinearResamplerOptions = {},
): LinearResampler {
  checkRates(fromRate, toRate);
  if (fromRate === toRate) return { fromRate, toRate, push: (samples) => samples };
  // The next output position is `index + phase / toRate` input samples from the start of the next
  // chunk; index -1 means between the previous chunk's last sample and this chunk's first.
  const wholeStep = Math.floor(fromRate / toRate);
  const phaseStep = fromRate % toRate;
  let index = 0;
  let phase = 0;
  let previous = 0;
  let scratch = new Int16Array(0);
  return {
    fromRate,
    toRate,
    push(samples) {
      const length = samples.length;
      if (length === 0) return samples;
      const capacity = Math.ceil(((length + 1) * toRate) / fromRate) + 1;
      let out = scratch;
      if (options.reuseOutput !== true) out = new Int16Array(capacity);
      else if (scratch.length < capacity) out = scratch = new Int16Array(capacity);
      const last = length - 1;
      let count = 0;
      let i = index;
      let p = phase;
      while (i < last) {
        const a = i < 0 ? previous : (samples[i] as number);
        out[count++] = Math.round(a + (((samples[i + 1] as number) - a) * p) / toRate);
        i += wholeStep;
        p += phaseStep;
        if (p >= toRate) {
          p -= toRate;
          i++;
        }
      }
      index = i - length;
      phase = p;
      previous = samples[last] as number;
      return out.subarray(0, count);
    },
  };
}

/**
 * Resamples a whole clip (or one chunk on its own, with no state) by linear interpolation. The
 * output has `round(length × toRate / fromRate)` samples (at least one); positions past the last
 * input sample repeat it.
 *
 * @throws {AudioError} `E_AUDIO_INVALID_ARGUMENT` for a rate that is not a positive integer.
 */
export function resampleLinear(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  checkRates(fromRate, toRate);
  if (fromRate === toRate || samples.length === 0) return samples;
  const length = Math.max(1, Math.round((samples.length * toRate) / fromRate));
  const out = new Int16Array(length);
  const step = fromRate / toRate;
  const last = samples.length - 1;
  for (let i = 0; i < length; i++) {
    const x = i * step;
    const left = Math.floor(x);
    const a = samples[Math.min(left, last)] as number;
    const b = samples[Math.min(left + 1, last)] as number;
    out[i] = Math.round(a + (b - a) * (x - left));
  }
  return out;
}
