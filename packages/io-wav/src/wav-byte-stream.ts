import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

import { WavError, byteLengthForMs, silence } from '@voxd/audio';

import type { WavFileInfo } from './read-wav-info.js';
import { wavIoErrorFrom } from './wav-io-error.js';

/** @internal */
export interface WavByteStreamOptions {
  readonly path: string;
  readonly displayPath: string;
  readonly info: WavFileInfo;
  readonly leadingSilenceMs: number;
  readonly trailingSilenceMs: number;
  readonly loop: boolean;
  /** Largest chunk `next` returns; bounds memory for big files. */
  readonly chunkMs: number;
}

/**
 * The source's audio as a pull stream of byte chunks: leading silence, the file's data chunk read
 * in pieces, trailing silence (the last two repeated when looping).
 * @internal
 */
export interface WavByteStream {
  /** The next chunk (at most `chunkMs` long), or `null` at the end. */
  next(): Promise<Uint8Array | null>;
  /** Closes the file. Safe to call at any time, also while a read is pending, and more than once. */
  close(): Promise<void>;
}

type Segment = 'leading' | 'file' | 'trailing' | 'end';

/** @internal */
export function createWavByteStream(options: WavByteStreamOptions): WavByteStream {
  const { info, displayPath } = options;
  const chunkBytes = Math.max(1, byteLengthForMs(info.format, options.chunkMs));
  const leadingBytes = byteLengthForMs(info.format, options.leadingSilenceMs);
  const trailingBytes = byteLengthForMs(info.format, options.trailingSilenceMs);
  // One shared run of silence, copied per chunk so no two frames alias the same memory.
  const silenceChunk = silence(info.format, options.chunkMs);
  // A loop with nothing in it would spin forever without emitting.
  const loop = options.loop && info.dataLength + trailingBytes > 0;

  let segment: Segment = 'leading';
  let position = 0;
  let handle: Promise<FileHandle> | undefined;
  let closed = false;

  const segmentLength = (s: Segment): number =>
    s === 'leading'
      ? leadingBytes
      : s === 'file'
        ? info.dataLength
        : s === 'trailing'
          ? trailingBytes
          : 0;
  const after = (s: Segment): Segment =>
    s === 'leading'
      ? 'file'
      : s === 'file'
        ? 'trailing'
        : s === 'trailing' && loop
          ? 'file'
          : 'end';

  const openFile = (): Promise<FileHandle> => {
    handle ??= open(options.path, 'r').catch((error: unknown) => {
      throw wavIoErrorFrom(displayPath, error);
    });
    return handle;
  };

  const readFile = async (length: number): Promise<Uint8Array> => {
    const file = await openFile();
    const bytes = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const offset = info.dataOffset + position + filled;
      const { bytesRead } = await file.read(bytes, filled, length - filled, offset);
      if (bytesRead === 0) {
        throw new WavError(
          'E_WAV_TRUNCATED',
          `${displayPath}: file ended at data byte ${position + filled} of ${info.dataLength} (it was truncated after its header was read)`,
        );
      }
      filled += bytesRead;
    }
    return bytes;
  };

  return {
    async next() {
      while (!closed && segment !== 'end' && position >= segmentLength(segment)) {
        segment = after(segment);
        position = 0;
      }
      if (closed || segment === 'end') return null;
      const length = Math.min(chunkBytes, segmentLength(segment) - position);
      const chunk = segment === 'file' ? await readFile(length) : silenceChunk.slice(0, length);
      position += length;
      return chunk;
    },
    async close() {
      closed = true;
      const pending = handle;
      handle = undefined;
      if (pending === undefined) return;
      try {
        await (await pending).close();
      } catch {
        // Open failed (already reported by `next`) or the handle is already closed.
      }
    },
  };
}
