import { VoxdError } from '@voxd/errors';

/**
 * - `E_REPLAY_INPUT`: a case's input WAV is missing, unreadable, corrupt or in another format.
 * - `E_REPLAY_AGENT`: a case's agent file is invalid.
 * - `E_REPLAY_STALLED`: the session waited for something that never came (nothing left to happen).
 * - `E_REPLAY_TIMEOUT`: the case ran past its `max_duration_ms` (virtual) or the wall-clock limit.
 * - `E_REPLAY_GOLDEN`: a golden file cannot be read or written.
 */
export type ReplayErrorCode =
  'E_REPLAY_INPUT' | 'E_REPLAY_AGENT' | 'E_REPLAY_STALLED' | 'E_REPLAY_TIMEOUT' | 'E_REPLAY_GOLDEN';

/** A replay failure with a stable code. */
export class ReplayError extends VoxdError<ReplayErrorCode> {}
