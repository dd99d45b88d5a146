import { VoxdError } from '@voxd/errors';

/**
 * Codes of the file-level failures of the WAV source and sink. Problems inside a WAV file's bytes
 * are `WavError`s from `@voxd/audio` (`E_WAV_CORRUPT`, `E_WAV_UNSUPPORTED`, `E_WAV_TRUNCATED`).
 *
 * - `E_WAV_NOT_FOUND`: the path does not exist.
 * - `E_WAV_IO`: the file could not be opened, read or written (permissions, disk full, a folder).
 * - `E_WAV_FORMAT_MISMATCH`: a frame given to the sink is not in the sink's format.
 * - `E_WAV_SINK_BUSY`: `play` was subscribed while another `play` of the same sink was running.
 * - `E_WAV_SINK_CLOSED`: `play` after `close()`.
 * - `E_WAV_TOO_LARGE`: the recording reached the 4 GiB limit of a RIFF file.
 */
export type WavIoErrorCode =
  | 'E_WAV_NOT_FOUND'
  | 'E_WAV_IO'
  | 'E_WAV_FORMAT_MISMATCH'
  | 'E_WAV_SINK_BUSY'
  | 'E_WAV_SINK_CLOSED'
  | 'E_WAV_TOO_LARGE';

/** A file-level failure of the WAV source or sink; the message starts with the file's path. */
export class WavIoError extends VoxdError<WavIoErrorCode> {}

/**
 * Turns a Node fs error on `displayPath` into a `WavIoError` that names the file and the cause.
 * `creating` words a missing path as the missing folder it is when a file is being created.
 */
export function wavIoErrorFrom(displayPath: string, error: unknown, creating = false): WavIoError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    const message = creating ? 'its folder does not exist' : 'no such file';
    return new WavIoError('E_WAV_NOT_FOUND', `${displayPath}: ${message}`, { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new WavIoError('E_WAV_IO', `${displayPath}: ${reason}`, { cause: error });
}
