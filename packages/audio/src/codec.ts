import type { AudioEncoding } from './audio-format.js';
import { alawDecode, alawEncode, mulawDecode, mulawEncode } from './g711.js';
import { pcm16ToSamples, samplesToPcm16 } from './pcm16.js';

/**
 * Decodes raw audio bytes in `encoding` to 16-bit linear samples (always a new array).
 *
 * @throws {AudioError} `E_AUDIO_PARTIAL_SAMPLE` for PCM16 data of odd length.
 */
export function decodeToSamples(data: Uint8Array, encoding: AudioEncoding): Int16Array {
  switch (encoding) {
    case 'pcm16':
      return pcm16ToSamples(data);
    case 'g711_ulaw':
      return mulawDecode(data);
    case 'g711_alaw':
      return alawDecode(data);
  }
}

/** Encodes 16-bit linear samples as raw audio bytes in `encoding` (always a new array). */
export function encodeSamples(samples: Int16Array, encoding: AudioEncoding): Uint8Array {
  switch (encoding) {
    case 'pcm16':
      return samplesToPcm16(samples);
    case 'g711_ulaw':
      return mulawEncode(samples);
    case 'g711_alaw':
      return alawEncode(samples);
  }
}
