import { AudioError } from './audio-error.js';
import type { AudioFormat } from './audio-format.js';
import { createFormatConverter } from './format-converter.js';

/**
 * Converts a complete clip from one format to another (decode → resample → encode). For streams,
 * use {@link createFormatConverter}, which keeps filter state between chunks.
 *
 * @returns a new array, also when the formats are equal.
 * @throws {AudioError} `E_AUDIO_PARTIAL_SAMPLE` for PCM16 input of odd length.
 */
export async function convertAudio(
  data: Uint8Array,
  from: AudioFormat,
  to: AudioFormat,
): Promise<Uint8Array> {
  if (from.encoding === 'pcm16' && data.length % 2 === 1) {
    throw new AudioError(
      'E_AUDIO_PARTIAL_SAMPLE',
      `pcm16 data is ${data.length} bytes: an odd length ends in half a sample`,
    );
  }
  const converter = await createFormatConverter({ from, to });
  try {
    const head = converter.process(data);
    const tail = converter.flush();
    const all = new Uint8Array(head.length + tail.length);
    all.set(head);
    all.set(tail, head.length);
    return all;
  } finally {
    converter.dispose();
  }
}
