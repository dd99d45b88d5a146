/** Level of a block of samples. */
export interface AudioLevel {
  /** Root mean square relative to full scale (32768), 0 to 1. A full-scale sine gives ~0.707. */
  readonly rms: number;
  /** `20 × log10(rms)`: −3.01 for a full-scale sine, `-Infinity` for digital silence. */
  readonly dbfs: number;
}

/** Measures the RMS level of `samples` (0 and `-Infinity` dBFS for an empty array). */
export function rmsLevel(samples: Int16Array): AudioLevel {
  let sumSquares = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    sumSquares += s * s;
  }
  const rms = samples.length === 0 ? 0 : Math.sqrt(sumSquares / samples.length) / 32768;
  return { rms, dbfs: 20 * Math.log10(rms) };
}
