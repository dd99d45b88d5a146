import { VoxdError } from '@voxd/errors';

/**
 * - `E_DAEMON_GATEWAY_SOURCE`: a gateway agent was used where one audio stream is expected.
 * - `E_DAEMON_ADMIN_LISTEN`: the admin HTTP server could not listen.
 * - `E_DAEMON_SESSION`: a session could not be assembled from its agent.
 */
export type DaemonErrorCode =
  'E_DAEMON_GATEWAY_SOURCE' | 'E_DAEMON_ADMIN_LISTEN' | 'E_DAEMON_SESSION';

/** A daemon failure with a stable code. */
export class DaemonError extends VoxdError<DaemonErrorCode> {}
