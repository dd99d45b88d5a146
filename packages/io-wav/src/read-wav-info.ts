import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

import { WavError, bytesPerSample, durationMs, parseWavHeader } from '@voxd/audio';
import type { AudioFormat, WavInfo } from '@voxd/audio';

import { wavIoErrorFrom } from './wav-io-error.js';

/** What the WAV source needs to know about a file before it streams it. */
export interface WavFileInfo {
  readonly format: AudioFormat;
  /** Byte offset of the first sample. */
  readonly dataOffset: number;
  /** Bytes of audio to play: the data chunk's size, clipped to what the file holds, whole samples. */
  readonly dataLength: number;
  readonly durationMs: number;
}

/** Chunks before `data` (LIST, fact, bext…) are usually small; a header bigger than this is refused. */
const FIRST_PROBE_BYTES = 4096;
const MAX_HEADER_BYTES = 1 << 20;
const UNSIZED = 0xffff_ffff;

/**
 * Reads and validates the header of the WAV file at `path`, synchronously and without reading the
 * audio. Used at construction, so a bad file fails before any stream opens.
 *
 * @param displayPath the path as the user wrote it; every error message starts with it.
 * @throws WavError (`E_WAV_CORRUPT`, `E_WAV_UNSUPPORTED`, `E_WAV_TRUNCATED`) or WavIoError.
 */
export function readWavInfoSync(path: string, displayPath: string): WavFileInfo {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw wavIoErrorFrom(displayPath, error);
  }
  try {
    const fileSize = fstatSync(fd).size;
    return probe(displayPath, fileSize, (length) => {
      const bytes = new Uint8Array(length);
      const read = readSync(fd, bytes, 0, length, 0);
      return bytes.subarray(0, read);
    });
  } catch (error) {
    throw error instanceof WavError ? error : wavIoErrorFrom(displayPath, error);
  } finally {
    closeSync(fd);
  }
}

/** The asynchronous twin of {@link readWavInfoSync}, for validating configs without blocking. */
export async function readWavInfo(path: string, displayPath: string): Promise<WavFileInfo> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw wavIoErrorFrom(displayPath, error);
  });
  try {
    const fileSize = (await handle.stat()).size;
    // Read the largest probe at once: asynchronous reads are cheap to over-size and this keeps
    // `probe` synchronous.
    const bytes = new Uint8Array(Math.min(fileSize, MAX_HEADER_BYTES));
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    const head = bytes.subarray(0, bytesRead);
    return probe(displayPath, fileSize, (length) => head.subarray(0, length));
  } catch (error) {
    throw error instanceof WavError ? error : wavIoErrorFrom(displayPath, error);
  } finally {
    await handle.close();
  }
}

function probe(
  displayPath: string,
  fileSize: number,
  readHead: (length: number) => Uint8Array,
): WavFileInfo {
  for (let length = FIRST_PROBE_BYTES; ; length *= 4) {
    const head = readHead(Math.min(length, fileSize, MAX_HEADER_BYTES));
    try {
      return clipToFile(displayPath, fileSize, parseWavHeader(head));
    } catch (error) {
      if (!(error instanceof WavError)) throw error;
      // The header may run past the probe (a long LIST chunk): judge it only on the whole header.
      if (head.length < fileSize && head.length < MAX_HEADER_BYTES) continue;
      throw new WavError(error.code, `${displayPath}: ${error.message}`, { cause: error });
    }
  }
}

/** parseWavHeader saw a prefix; the data length comes from the size field and the file's size. */
function clipToFile(displayPath: string, fileSize: number, header: WavInfo): WavFileInfo {
  const { format, dataOffset, declaredDataLength: declared } = header;
  const available = Math.max(0, fileSize - dataOffset);
  // 0 and 0xFFFFFFFF are what streaming writers leave when they never patched the size.
  const unsized = declared === 0 || declared === UNSIZED;
  if (!unsized && declared > available) {
    throw new WavError(
      'E_WAV_TRUNCATED',
      `${displayPath}: data chunk declares ${declared} bytes but only ${available} follow the header (file truncated)`,
    );
  }
  const present = unsized ? available : declared;
  const dataLength = present - (present % bytesPerSample(format.encoding));
  return { format, dataOffset, dataLength, durationMs: durationMs(format, dataLength) };
}
