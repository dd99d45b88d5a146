import { VoxdError } from '@voxd/errors';

/**
 * Why a voice activity detector refused its options or its input.
 *
 * - `E_VAD_OPTIONS`: an option is unknown, out of range or of the wrong kind.
 * - `E_VAD_INPUT`: `process()` was given something other than an Int16Array.
 * - `E_VAD_ENGINE`: the WebRTC (fvad) wasm module or the Silero model could not be loaded or run.
 */
export type VadErrorCode = 'E_VAD_OPTIONS' | 'E_VAD_INPUT' | 'E_VAD_ENGINE';

export class VadError extends VoxdError<VadErrorCode> {}
