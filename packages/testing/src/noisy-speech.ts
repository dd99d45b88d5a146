// Speech in noise at a chosen SNR, made deterministically from a seed so that the same call gives
// byte-identical samples on every run and machine. Only additions, multiplications, Math.sqrt and
// one power per mix are used (no Math.log/cos, whose last bit may differ between engines), so the
// sha256 of the result can be pinned in fixtures/manifest.json.

/** The noises of the VAD robustness fixtures. */
export type NoiseType = 'white' | 'pink' | 'babble';

export const NOISE_TYPES: readonly NoiseType[] = ['white', 'pink', 'babble'];

/** A span of the samples, in samples. */
export interface SampleSpan {
  readonly start: number;
  readonly end: number;
}

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Gaussian-like white noise (unit variance): the sum of 4 uniforms (Irwin–Hall), centred and
 * scaled. Close enough to Gaussian for a noise bed, with no transcendental functions.
 */
export function whiteNoise(length: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const out = new Float64Array(length);
  // Var of a sum of 4 U(0,1) is 4/12; multiply by sqrt(3) to get unit variance.
  const scale = Math.sqrt(3);
  for (let i = 0; i < length; i++) {
    out[i] = (random() + random() + random() + random() - 2) * scale;
  }
  return out;
}

/**
 * Pink (1/f) noise: white noise through Paul Kellet's "refined" filter, a sum of first-order
 * low-passes that is within ±0.05 dB of −3 dB/octave above 9 Hz at 44.1 kHz (and close at 16 kHz).
 */
export function pinkNoise(length: number, seed: number): Float64Array {
  const white = whiteNoise(length, seed);
  const out = new Float64Array(length);
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let b3 = 0;
  let b4 = 0;
  let b5 = 0;
  let b6 = 0;
  for (let i = 0; i < length; i++) {
    const w = white[i] as number;
    b0 = 0.99886 * b0 + w * 0.0555179;
    b1 = 0.99332 * b1 + w * 0.0750759;
    b2 = 0.969 * b2 + w * 0.153852;
    b3 = 0.8665 * b3 + w * 0.3104856;
    b4 = 0.55 * b4 + w * 0.5329522;
    b5 = -0.7616 * b5 - w * 0.016898;
    out[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
    b6 = w * 0.115926;
  }
  return out;
}

/**
 * Babble: `talkers` streams of continuous speech summed, each one the speech of `sources` (their
 * silences cut out) looped from its own seeded offset, at equal power. Made from other utterances
 * than the target's, so the target's true segments stay the only speech a VAD should follow.
 */
export function babbleNoise(
  sources: readonly { samples: Int16Array; speech: readonly SampleSpan[] }[],
  length: number,
  options: { talkers: number; seed: number },
): Float64Array {
  const speech = sources.flatMap(({ samples, speech: spans }) =>
    spans.map((s) => samples.subarray(s.start, s.end)),
  );
  const totalSpeech = speech.reduce((n, s) => n + s.length, 0);
  if (totalSpeech === 0) throw new RangeError('babbleNoise: the sources hold no speech');
  // One continuous stream of all source speech; each talker reads it from its own offset.
  const stream = new Float64Array(totalSpeech);
  let at = 0;
  for (const s of speech) {
    for (let i = 0; i < s.length; i++) stream[at + i] = s[i] as number;
    at += s.length;
  }
  const streamRms = Math.sqrt(power(stream, 0, stream.length));
  const random = seededRandom(options.seed);
  const out = new Float64Array(length);
  for (let t = 0; t < options.talkers; t++) {
    const offset = Math.floor(random() * totalSpeech);
    // Alternate talkers are played backwards: still speech-shaped, but not the same words twice.
    const backwards = t % 2 === 1;
    for (let i = 0; i < length; i++) {
      const k = (offset + i) % totalSpeech;
      out[i] = (out[i] as number) + (stream[backwards ? totalSpeech - 1 - k : k] as number);
    }
  }
  const scale = 1 / (streamRms * Math.sqrt(options.talkers));
  for (let i = 0; i < length; i++) out[i] = (out[i] as number) * scale;
  return out;
}

/** Mean square of `x` over [start, end). */
function power(x: ArrayLike<number>, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) {
    const v = x[i] as number;
    sum += v * v;
  }
  return end > start ? sum / (end - start) : 0;
}

/**
 * Mixes `noise` under `speech` so that the speech power over its true segments (`spans`)
 * over the noise power over the whole file is `snrDb`. If the mix would clip, the whole mix is
 * scaled down (the SNR is unchanged). Returns PCM16 samples of the speech's length.
 */
export function mixAtSnr(
  speech: Int16Array,
  noise: Float64Array,
  { spans, snrDb }: { spans: readonly SampleSpan[]; snrDb: number },
): Int16Array {
  if (noise.length < speech.length) throw new RangeError('mixAtSnr: noise shorter than speech');
  let speechSum = 0;
  let speechCount = 0;
  for (const { start, end } of spans) {
    speechSum += power(speech, start, end) * (end - start);
    speechCount += end - start;
  }
  if (speechCount === 0) throw new RangeError('mixAtSnr: no speech spans');
  const speechPower = speechSum / speechCount;
  const noisePower = power(noise, 0, speech.length);
  const gain = Math.sqrt(speechPower / (noisePower * 10 ** (snrDb / 10)));
  const mixed = new Float64Array(speech.length);
  let peak = 0;
  for (let i = 0; i < speech.length; i++) {
    const v = (speech[i] as number) + gain * (noise[i] as number);
    mixed[i] = v;
    peak = Math.max(peak, Math.abs(v));
  }
  const scale = peak > 32767 ? 32767 / peak : 1;
  return Int16Array.from(mixed, (v) => Math.round(v * scale));
}
