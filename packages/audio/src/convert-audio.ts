import { type AudioFormat, sameFormat } from './audio-format.js';
import { decodeToSamples, encodeSamples } from './codec.js';
import { createResampler } from './resampler.js';

/**
 * Converts a complete clip from one format to another (decode → resample → encode). For streams,
 * use a {@link createResampler} resampler, which keeps filter state between chunks.
 *
 * @throws {AudioError} `E_AUDIO_PARTIAL_SAMPLE` for PCM16 input of odd length.
 */
export async function convertAudio(
  data: Uint8Array,
  from: AudioFormat,
  to: AudioFormat,
): Promise<Uint8Array> {
  if (sameFormat(from, to)) return data.slice();
  const samples = decodeToSamples(data, from.encoding);
  if (from.sampleRate === to.sampleRate) return encodeSamples(samples, to.encoding);
  const resampler = await createResampler({ fromRate: from.sampleRate, toRate: to.sampleRate });
  try {
    const head = resampler.process(samples);
    const tail = resampler.flush();
    const all = new Int16Array(head.length + tail.length);
    all.set(head);
    all.set(tail, head.length);
    return encodeSamples(all, to.encoding);
  } finally {
    resampler.dispose();
  }
}
