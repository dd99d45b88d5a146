import { VoxdError } from '@voxd/errors';

/**
 * Codes of {@link WavError}:
 * - `E_WAV_CORRUPT`: not a WAV file, or its structure contradicts itself;
 * - `E_WAV_UNSUPPORTED`: a valid WAV file in a format voxd does not handle (stereo, 44.1 kHz, float…);
 * - `E_WAV_TRUNCATED`: the bytes end before the header does.
 */
export type WavErrorCode = 'E_WAV_CORRUPT' | 'E_WAV_UNSUPPORTED' | 'E_WAV_TRUNCATED';

/** Error thrown by `parseWavHeader`; the message names exactly what is wrong. */
export class WavError extends VoxdError<WavErrorCode> {}
