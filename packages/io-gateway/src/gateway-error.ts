import { VoxdError } from '@voxd/errors';

/**
 * Why the gateway could not start or a gateway session ended abnormally.
 *
 * - `E_GATEWAY_OPTIONS`: an option is out of range or of the wrong kind.
 * - `E_GATEWAY_LISTEN`: the HTTP server could not listen (port in use, bad host).
 * - `E_GATEWAY_UPSTREAM`: the upstream Voice Live connection failed, closed or was replaced.
 * - `E_GATEWAY_CLIENT`: the client broke a limit (frame too large, too slow to read).
 * - `E_GATEWAY_SERVER_ERROR`: the upstream sent an `error` event (its code is in the message).
 */
export type GatewayErrorCode =
  | 'E_GATEWAY_OPTIONS'
  | 'E_GATEWAY_LISTEN'
  | 'E_GATEWAY_UPSTREAM'
  | 'E_GATEWAY_CLIENT'
  | 'E_GATEWAY_SERVER_ERROR';

export class GatewayError extends VoxdError<GatewayErrorCode> {}
