import { VoxdError } from '@voxd/errors';

/**
 * - `E_DAEMON_ADMIN_LISTEN`: the admin HTTP server could not listen.
 */
export type DaemonErrorCode = 'E_DAEMON_ADMIN_LISTEN';

/** A daemon failure with a stable code. */
export class DaemonError extends VoxdError<DaemonErrorCode> {}
