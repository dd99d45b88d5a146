import { resampleSamples } from '@voxd/audio';

/** Resamples a whole clip with @voxd/audio's Speex resampler (any rates). */
export function resampleClip(
  samples: Int16Array,
  fromRate: number,
  toRate: number,
): Promise<Int16Array> {
  if (fromRate === toRate) return Promise.resolve(samples);
  return resampleSamples(samples, { fromRate, toRate });
}
