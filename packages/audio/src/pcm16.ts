import { AudioError } from './audio-error.js';

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Reads signed 16-bit little-endian PCM into a new `Int16Array`. Works for any `byteOffset`
 * (buffers sliced from a socket or a base64 pool are often unaligned).
 *
 * @throws {AudioError} `E_AUDIO_PARTIAL_SAMPLE` when `data` has an odd byte length.
 */
export function pcm16ToSamples(data: Uint8Array): Int16Array {
  if (data.byteLength % 2 !== 0) {
    throw new AudioError(
      'E_AUDIO_PARTIAL_SAMPLE',
      `pcm16 data is ${data.byteLength} bytes: an odd length ends in half a sample`,
    );
  }
  const samples = new Int16Array(data.byteLength / 2);
  if (LITTLE_ENDIAN_HOST) {
    // A byte copy into a fresh, aligned buffer: one memcpy, whatever the source alignment.
    new Uint8Array(samples.buffer).set(data);
  } else {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true);
  }
  return samples;
}

/** Writes samples as signed 16-bit little-endian PCM into a new `Uint8Array`. */
export function samplesToPcm16(samples: Int16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  if (LITTLE_ENDIAN_HOST) {
    bytes.set(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
  } else {
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i] ?? 0, true);
  }
  return bytes;
}
