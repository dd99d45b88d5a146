import { decodeToSamples, encodeSamples } from '@voxd/audio';

/** Raw mono audio as it travels on the wire for one session direction. */
export interface WireAudioFormat {
  readonly encoding: 'pcm16' | 'g711_ulaw' | 'g711_alaw';
  readonly sampleRate: number;
}

/** Input format of a session: g711 is always 8 kHz; pcm16 runs at `input_audio_sampling_rate`. */
export function inputAudioFormat(format: unknown, samplingRate: unknown): WireAudioFormat {
  if (format === 'g711_ulaw' || format === 'g711_alaw')
    return { encoding: format, sampleRate: 8000 };
  return { encoding: 'pcm16', sampleRate: typeof samplingRate === 'number' ? samplingRate : 24000 };
}

/** Output format: `pcm16` is 24 kHz; `pcm16_16000hz` and friends carry their rate in the name. */
export function outputAudioFormat(format: unknown): WireAudioFormat {
  if (format === 'g711_ulaw' || format === 'g711_alaw')
    return { encoding: format, sampleRate: 8000 };
  const match = typeof format === 'string' ? /^pcm16_(\d+)hz$/.exec(format) : null;
  return { encoding: 'pcm16', sampleRate: match?.[1] === undefined ? 24000 : Number(match[1]) };
}

export function bytesPerSample(format: WireAudioFormat): 1 | 2 {
  return format.encoding === 'pcm16' ? 2 : 1;
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Samples of `bytes`. PCM16 bytes that own their whole, aligned buffer (a decoded base64 append of
 * 4 KiB or more, a stored item's audio) are viewed, not copied: the caller hands them over and
 * never writes to them again. Smaller buffers may be slices of Node's shared pool: copied.
 */
export function decodeAudio(bytes: Uint8Array, format: WireAudioFormat): Int16Array {
  if (
    format.encoding === 'pcm16' &&
    LITTLE_ENDIAN_HOST &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.byteLength % 2 === 0
  ) {
    return new Int16Array(bytes.buffer, 0, bytes.byteLength / 2);
  }
  return decodeToSamples(bytes, format.encoding);
}

/**
 * Wire bytes of `samples`; for PCM16 a view of the same memory (the samples are not written to
 * again once they are encoded: turns and clips are immutable).
 */
export function encodeAudio(samples: Int16Array, format: WireAudioFormat): Uint8Array {
  if (format.encoding === 'pcm16' && LITTLE_ENDIAN_HOST) {
    return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  }
  return encodeSamples(samples, format.encoding);
}

/** Duration of `sampleCount` samples, in ms. */
export function samplesToMs(sampleCount: number, sampleRate: number): number {
  return (sampleCount * 1000) / sampleRate;
}
