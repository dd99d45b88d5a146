import type { VoxdError } from '@voxd/errors';

import type { SessionEventInit } from './session-event.js';

/**
 * The `session.error` event for `error`. `code` defaults to the error's own; a server `error` event
 * passes the server's code instead, which tells more than `E_SERVER_ERROR`.
 */
export function sessionErrorEvent(
  error: VoxdError,
  recoverable: boolean,
  code: string = error.code,
): Extract<SessionEventInit, { type: 'session.error' }> {
  return { type: 'session.error', recoverable, code, message: error.message, error };
}
