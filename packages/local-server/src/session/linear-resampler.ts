// A linear-interpolation resampler for any rate pair, synchronous and allocation-light. It feeds
// the VAD, which only needs the speech envelope: @voxd/audio's speex resampler is better audio but
// async to create and holds WebAssembly memory per instance, which thousands of idle sessions
// should not pay for. It also covers the 44.1/48 kHz input rates the service accepts.
export interface StreamResampler {
  push(samples: Int16Array): Int16Array;
}

export function createLinearResampler(fromRate: number, toRate: number): StreamResampler {
  if (fromRate === toRate) return { push: (s) => s };
  const step = fromRate / toRate;
  let position = 0; // in input samples, relative to the start of the next chunk (may be negative: previous sample)
  let previous = 0;
  return {
    push(samples) {
      if (samples.length === 0) return samples;
      const capacity = Math.ceil((samples.length + 1) / step) + 1;
      const out = new Int16Array(capacity);
      let count = 0;
      while (Math.floor(position) < samples.length - 1) {
        const index = Math.floor(position);
        const frac = position - index;
        const a = index < 0 ? previous : (samples[index] ?? 0);
        const b = samples[index + 1] ?? a;
        out[count++] = Math.round(a + (b - a) * frac);
        position += step;
      }
      position -= samples.length;
      previous = samples[samples.length - 1] ?? 0;
      return out.subarray(0, count);
    },
  };
}

export function resampleOnce(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (fromRate === toRate) return samples;
  const length = Math.floor((samples.length * toRate) / fromRate);
  const out = new Int16Array(length);
  const step = fromRate / toRate;
  for (let i = 0; i < length; i++) {
    const position = i * step;
    const index = Math.floor(position);
    const a = samples[index] ?? 0;
    const b = samples[index + 1] ?? a;
    out[i] = Math.round(a + (b - a) * (position - index));
  }
  return out;
}
