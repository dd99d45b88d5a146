/**
 * Resamples mono PCM16 by linear interpolation, statelessly per chunk. Good enough for a
 * conversation log (the recorder's only use, when input and output rates differ) and synchronous,
 * so frames can be placed in the order they arrive; use `@voxd/audio`'s resampler for audio a
 * model or a listener depends on.
 */
export function linearResample(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (fromRate === toRate || samples.length === 0) return samples;
  const length = Math.max(1, Math.round((samples.length * toRate) / fromRate));
  const out = new Int16Array(length);
  const step = fromRate / toRate;
  for (let i = 0; i < length; i += 1) {
    const x = i * step;
    const left = Math.floor(x);
    const a = samples[Math.min(left, samples.length - 1)] ?? 0;
    const b = samples[Math.min(left + 1, samples.length - 1)] ?? 0;
    out[i] = Math.round(a + (b - a) * (x - left));
  }
  return out;
}
