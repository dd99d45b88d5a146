/** Test-only signal analysis: sine synthesis, Goertzel tone power, zero crossings. */

export function sine(
  sampleRate: number,
  options: { frequencyHz: number; count: number; amplitude?: number; phase?: number },
): Int16Array {
  const peak = (options.amplitude ?? 0.5) * 32767;
  const step = (2 * Math.PI * options.frequencyHz) / sampleRate;
  return Int16Array.from({ length: options.count }, (_, i) =>
    Math.round(peak * Math.sin((options.phase ?? 0) + step * i)),
  );
}

/** Amplitude of the `frequencyHz` component (Goertzel), in the same units as the samples' peak. */
export function toneAmplitude(
  samples: Int16Array,
  sampleRate: number,
  frequencyHz: number,
): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequencyHz) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s0 = x + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  return (2 * Math.sqrt(Math.max(power, 0))) / samples.length;
}

export function zeroCrossings(samples: Int16Array): number {
  let count = 0;
  for (let i = 1; i < samples.length; i++) {
    if (samples[i - 1]! < 0 !== samples[i]! < 0) count++;
  }
  return count;
}

export function rms(samples: Int16Array): number {
  let sum = 0;
  for (const x of samples) sum += x * x;
  return Math.sqrt(sum / Math.max(samples.length, 1));
}

export function concat(parts: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function maxAbsDifference(a: Int16Array, b: Int16Array): number {
  let max = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++)
    max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
