import { VoxdError } from '@voxd/errors';

/** Codes of {@link AudioError}. */
export type AudioErrorCode =
  /** Text handed to `decodeBase64` is not strict standard base64. */
  | 'E_AUDIO_BASE64'
  /** PCM16 bytes end in the middle of a sample (odd byte length). */
  | 'E_AUDIO_PARTIAL_SAMPLE'
  /** A parameter is out of range (sample rate, frame duration, amplitude, …). */
  | 'E_AUDIO_INVALID_ARGUMENT'
  /** The speex resampler failed to initialise or to process (a bug or an out-of-memory). */
  | 'E_AUDIO_RESAMPLER';

/** Error thrown by the audio helpers for invalid audio data or arguments. */
export class AudioError extends VoxdError<AudioErrorCode> {}
