import { createResampler } from '@voxd/audio';

import { resampleOnce } from '../session/linear-resampler.js';

const SPEEX_RATES = new Set([8000, 16000, 24000]);

/** Resamples a whole clip: speex quality between the standard rates, linear otherwise. */
export async function resampleClip(
  samples: Int16Array,
  fromRate: number,
  toRate: number,
): Promise<Int16Array> {
  if (fromRate === toRate) return samples;
  if (!SPEEX_RATES.has(fromRate) || !SPEEX_RATES.has(toRate))
    return resampleOnce(samples, fromRate, toRate);
  const resampler = await createResampler({
    fromRate: fromRate,
    toRate: toRate,
  });
  try {
    const head = resampler.process(samples);
    const tail = resampler.flush();
    const all = new Int16Array(head.length + tail.length);
    all.set(head);
    all.set(tail, head.length);
    return all;
  } finally {
    resampler.dispose();
  }
}
