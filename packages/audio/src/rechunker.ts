import { AudioError } from './audio-error.js';
import { type AudioFormat, bytesPerSample } from './audio-format.js';

/** Cuts a byte stream of one format into frames of one fixed duration. */
export interface Rechunker {
  /** Bytes in every frame `push` returns. */
  readonly frameBytes: number;
  /** Bytes held back, waiting for the rest of a frame. */
  readonly pendingBytes: number;
  /**
   * Adds the next bytes of the stream (any length, even split inside a sample) and returns every
   * frame completed so far, each exactly `frameBytes` long. Frames that lie wholly inside `data`
   * are views of it, not copies: do not overwrite `data` while you hold them.
   */
  push(data: Uint8Array): Uint8Array[];
  /**
   * Ends the stream: returns the held-back remainder (shorter than a frame, whole samples), or
   * `undefined` when there is none, and resets for a new stream.
   * @throws {AudioError} `E_AUDIO_PARTIAL_SAMPLE` when the stream ended inside a sample.
   */
  flush(): Uint8Array | undefined;
}

/**
 * Creates a {@link Rechunker} for `frameMs` frames of `format`.
 *
 * @example
 * const rechunker = createRechunker(PCM16_24K, 20); // 960-byte frames
 * for (const frame of rechunker.push(delta)) sink.write(frame);
 * @throws {AudioError} `E_AUDIO_INVALID_ARGUMENT` when `frameMs` is not a positive whole number
 *   of samples at the format's rate.
 */
export function createRechunker(format: AudioFormat, frameMs: number): Rechunker {
  const frameSamples = (frameMs * format.sampleRate) / 1000;
  if (!(frameSamples >= 1) || !Number.isInteger(frameSamples)) {
    throw new AudioError(
      'E_AUDIO_INVALID_ARGUMENT',
      `frameMs ${frameMs} is not a positive whole number of samples at ${format.sampleRate} Hz`,
    );
  }
  const sampleBytes = bytesPerSample(format.encoding) * format.channels;
  const frameBytes = frameSamples * sampleBytes;
  // Bytes of the frame being assembled across pushes; allocated per frame, since it is handed out.
  let pending = new Uint8Array(frameBytes);
  let pendingLength = 0;

  return {
    frameBytes,
    get pendingBytes() {
      return pendingLength;
    },
    push(data) {
      const frames: Uint8Array[] = [];
      let offset = 0;
      if (pendingLength > 0) {
        const take = Math.min(frameBytes - pendingLength, data.length);
        pending.set(data.subarray(0, take), pendingLength);
        pendingLength += take;
        offset = take;
        if (pendingLength < frameBytes) return frames;
        frames.push(pending);
        pending = new Uint8Array(frameBytes);
        pendingLength = 0;
      }
      while (data.length - offset >= frameBytes) {
        frames.push(data.subarray(offset, offset + frameBytes));
        offset += frameBytes;
      }
      // The caller may reuse `data` after we return, so the remainder is copied.
      pending.set(data.subarray(offset), 0);
      pendingLength = data.length - offset;
      return frames;
    },
    flush() {
      const length = pendingLength;
      const remainder = pending.slice(0, length);
      pendingLength = 0;
      if (length % sampleBytes !== 0) {
        throw new AudioError(
          'E_AUDIO_PARTIAL_SAMPLE',
          `stream ended inside a sample: ${length} byte(s) held back are not whole ${sampleBytes}-byte samples`,
        );
      }
      return length === 0 ? undefined : remainder;
    },
  };
}
