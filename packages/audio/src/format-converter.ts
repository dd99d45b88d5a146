import { AudioError } from './audio-error.js';
import { type AudioFormat, sameFormat } from './audio-format.js';
import { decodeToSamples, encodeSamples } from './codec.js';
import { createResampler, type Resampler } from './resampler.js';

/** Options of {@link createFormatConverter}. */
export interface FormatConverterOptions {
  readonly from: AudioFormat;
  readonly to: AudioFormat;
  /** Resampler quality, 0–10, when the rates differ. @default 5 */
  readonly quality?: number;
}

/**
 * Converts a byte stream from one audio format to another (decode → resample → encode), keeping
 * resampler state and any half PCM16 sample between chunks, e.g. G.711 8 kHz RTP payloads to
 * 24 kHz PCM16 for Voice Live and back.
 */
export interface FormatConverter {
  readonly from: AudioFormat;
  readonly to: AudioFormat;
  /**
   * Converts the next bytes of the stream (any length). When the formats are equal, returns
   * `data` itself.
   */
  process(data: Uint8Array): Uint8Array;
  /**
   * Ends the stream: returns the resampler's delayed tail and resets for a new stream.
   * @throws {AudioError} `E_AUDIO_PARTIAL_SAMPLE` when the stream ended inside a PCM16 sample.
   */
  flush(): Uint8Array;
  /** Frees the resampler. Idempotent. */
  dispose(): void;
}

/**
 * Creates a streaming {@link FormatConverter}.
 *
 * @example
 * const toVoiceLive = await createFormatConverter({ from: G711_ULAW, to: PCM16_24K });
 * socket.send(encodeBase64(toVoiceLive.process(rtpPayload)));
 * @throws {AudioError} `E_AUDIO_INVALID_ARGUMENT` for a bad resampler quality.
 */
export async function createFormatConverter(
  options: FormatConverterOptions,
): Promise<FormatConverter> {
  const { from, to } = options;
  if (sameFormat(from, to)) {
    return { from, to, process: (data) => data, flush: () => new Uint8Array(0), dispose: () => {} };
  }
  const resampler: Resampler | undefined =
    from.sampleRate === to.sampleRate
      ? undefined
      : await createResampler({
          fromRate: from.sampleRate,
          toRate: to.sampleRate,
          ...(options.quality === undefined ? {} : { quality: options.quality }),
        });
  const carriesHalfSamples = from.encoding === 'pcm16';
  let carry: number | undefined; // the first byte of a PCM16 sample split across chunks

  function wholeSamples(data: Uint8Array): Uint8Array {
    if (!carriesHalfSamples) return data;
    let bytes = data;
    if (carry !== undefined) {
      bytes = new Uint8Array(data.length + 1);
      bytes[0] = carry;
      bytes.set(data, 1);
      carry = undefined;
    }
    if (bytes.length % 2 === 1) {
      carry = bytes[bytes.length - 1];
      bytes = bytes.subarray(0, bytes.length - 1);
    }
    return bytes;
  }

  return {
    from,
    to,
    process(data) {
      const samples = decodeToSamples(wholeSamples(data), from.encoding);
      return encodeSamples(
        resampler === undefined ? samples : resampler.process(samples),
        to.encoding,
      );
    },
    flush() {
      const halfSample = carry !== undefined;
      carry = undefined;
      const tail = resampler?.flush() ?? new Int16Array(0);
      if (halfSample) {
        throw new AudioError(
          'E_AUDIO_PARTIAL_SAMPLE',
          'pcm16 stream ended inside a sample: 1 byte of a 2-byte sample left over',
        );
      }
      return encodeSamples(tail, to.encoding);
    },
    dispose() {
      resampler?.dispose();
    },
  };
}
