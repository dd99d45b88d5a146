import { VoxdError } from '@voxd/errors';

/**
 * Why speech synthesis failed.
 *
 * - `E_TTS_ENGINE`: espeak-ng or the resampler (wasm) could not be loaded or failed.
 * - `E_TTS_INPUT`: the text or an option is invalid (not a string, unsupported rate, unknown voice).
 */
export type TtsErrorCode = 'E_TTS_ENGINE' | 'E_TTS_INPUT';

export class TtsError extends VoxdError<TtsErrorCode> {}
