import { VoxdError } from '@voxd/errors';

/**
 * Why the local server could not start or go on.
 *
 * - `E_LOCAL_SERVER_OPTIONS`: an option is out of range or of the wrong kind.
 * - `E_LOCAL_SERVER_SCRIPT`: a script responder file is missing or malformed.
 * - `E_LOCAL_SERVER_LISTEN`: the HTTP server could not listen (port in use, bad host).
 * - `E_LOCAL_SERVER_INTERNAL`: a fault inside the server while handling a session.
 */
export type LocalServerErrorCode =
  | 'E_LOCAL_SERVER_OPTIONS'
  | 'E_LOCAL_SERVER_SCRIPT'
  | 'E_LOCAL_SERVER_LISTEN'
  | 'E_LOCAL_SERVER_INTERNAL';

export class LocalServerError extends VoxdError<LocalServerErrorCode> {}
