import { close, closeSync, openSync, write, writeSync } from 'node:fs';

import { bytesPerSample, createWavHeader } from '@voxd/audio';
import type { AudioFormat } from '@voxd/audio';

import { WavIoError, wavIoErrorFrom } from './wav-io-error.js';

/** Options of {@link createWavFileWriter}. */
export interface WavFileWriterOptions {
  /** File to create (an existing file is replaced). */
  readonly path: string;
  /** The path as the user wrote it, for error messages. @default path */
  readonly displayPath?: string;
  readonly format: AudioFormat;
  /**
   * Rewrite the header's RIFF and data sizes after every write, so the file is a valid WAV of
   * everything written so far at any moment, even after the process is killed. `false` writes the
   * sizes only on `close()` (measured in bench/io-wav). @default true
   */
  readonly patchHeader?: boolean;
}

/**
 * Appends audio to a WAV file with sequential writes. Appends never block: they queue and one
 * write loop drains the queue, so audio that arrives during a write goes out in the next one
 * (which also batches the header patches under load).
 */
export interface WavFileWriter {
  /** Bytes of audio accepted so far (written or queued). */
  readonly dataBytes: number;
  /** The first write error, if any; once set, appends are refused and `close` rejects with it. */
  readonly failure: Error | undefined;
  /** Queues `bytes` of audio in the writer's format. @throws WavIoError after close or a failure. */
  append(bytes: Uint8Array): void;
  /** Resolves when everything appended so far is written. Rejects with the write failure. */
  flush(): Promise<void>;
  /**
   * Writes what is queued, finalises the header and closes the file. Idempotent. No fsync: every
   * write is in the OS's hands as it returns, which survives a crash of this process (not a
   * power cut), and an fsync can stall for a second on a busy disk.
   */
  close(): Promise<void>;
}

/**
 * Creates the file and writes a header declaring no audio, synchronously, so an unwritable path
 * fails at construction and the file is a valid (empty) WAV from its first moment.
 *
 * @throws WavIoError (`E_WAV_NOT_FOUND` for a missing folder, `E_WAV_IO`).
 */
export function createWavFileWriter(options: WavFileWriterOptions): WavFileWriter {
  const displayPath = options.displayPath ?? options.path;
  const patchHeader = options.patchHeader ?? true;
  const { format } = options;
  const sampleBytes = bytesPerSample(format.encoding);
  const header = createWavHeader(format, 0);
  const headerBytes = header.length;
  let fd: number;
  try {
    fd = openSync(options.path, 'w');
  } catch (error) {
    throw wavIoErrorFrom(displayPath, error, true);
  }
  try {
    writeSync(fd, header, 0, header.length, 0);
  } catch (error) {
    closeSync(fd);
    throw wavIoErrorFrom(displayPath, error);
  }

  // A RIFF file's sizes are 32-bit (and the RIFF size counts a pad byte after odd data).
  const maxDataBytes = 0xffff_ffff - (headerBytes - 8) - 1;
  const queue: Uint8Array[] = [];
  let queuedBytes = 0;
  let dataBytes = 0;
  let writtenBytes = 0;
  let failure: Error | undefined;
  let loop: Promise<void> | undefined;
  let closing: Promise<void> | undefined;

  const drain = async (): Promise<void> => {
    while (queue.length > 0 && failure === undefined) {
      const batch = concat(queue.splice(0), queuedBytes);
      queuedBytes = 0;
      try {
        await writeAll(fd, batch, headerBytes + writtenBytes);
        writtenBytes += batch.length;
        // One write of the whole header keeps the RIFF and data sizes consistent with each other:
        // a reader (or a crash) sees either the old pair or the new one, never a mix.
        if (patchHeader) await writeAll(fd, createWavHeader(format, writtenBytes), 0);
      } catch (error) {
        failure = wavIoErrorFrom(displayPath, error);
      }
    }
  };

  const kick = (): Promise<void> => {
    loop ??= drain().finally(() => {
      loop = undefined;
    });
    return loop;
  };

  const flush = async (): Promise<void> => {
    while (loop !== undefined || (queue.length > 0 && failure === undefined)) await kick();
    if (failure !== undefined) throw failure;
  };

  const finish = async (): Promise<void> => {
    try {
      await flush();
      const trailer = writtenBytes % 2 === 1 ? Uint8Array.of(0) : undefined;
      // RIFF pads odd chunks to an even size; the header's RIFF size already counts the pad.
      if (trailer !== undefined) await writeAll(fd, trailer, headerBytes + writtenBytes);
      await writeAll(fd, createWavHeader(format, writtenBytes), 0);
    } catch (error) {
      failure ??= error instanceof WavIoError ? error : wavIoErrorFrom(displayPath, error);
    } finally {
      await new Promise<void>((done) => close(fd, () => done()));
    }
    if (failure !== undefined) throw failure;
  };

  return {
    get dataBytes() {
      return dataBytes;
    },
    get failure() {
      return failure;
    },
    append(bytes) {
      if (failure !== undefined) throw failure;
      if (closing !== undefined) {
        throw new WavIoError('E_WAV_SINK_CLOSED', `${displayPath}: write after close`);
      }
      if (bytes.length % sampleBytes !== 0) {
        throw new WavIoError(
          'E_WAV_IO',
          `${displayPath}: ${bytes.length} bytes are not whole ${sampleBytes}-byte samples`,
        );
      }
      if (dataBytes + bytes.length > maxDataBytes) {
        failure = new WavIoError('E_WAV_TOO_LARGE', `${displayPath}: WAV files end at 4 GiB`);
        throw failure;
      }
      if (bytes.length === 0) return;
      queue.push(bytes);
      queuedBytes += bytes.length;
      dataBytes += bytes.length;
      void kick();
    },
    flush,
    close() {
      closing ??= finish();
      return closing;
    },
  };
}

function concat(chunks: Uint8Array[], totalBytes: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(totalBytes);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function writeAll(fd: number, bytes: Uint8Array, position: number): Promise<void> {
  return new Promise((done, fail) => {
    const step = (offset: number): void => {
      if (offset >= bytes.length) {
        done();
        return;
      }
      write(fd, bytes, offset, bytes.length - offset, position + offset, (error, written) => {
        if (error) fail(error);
        else step(offset + written);
      });
    };
    step(0);
  });
}
