import { VoxdError } from '@voxd/errors';

/**
 * Why a Voice Live connection failed.
 *
 * - `E_TRANSPORT_AUTH`: the service refused the credentials (HTTP 401/403), or no token could be
 *   obtained. Never retried.
 * - `E_TRANSPORT_HANDSHAKE`: any other non-101 upgrade response. 5xx is retried, 4xx is not.
 * - `E_TRANSPORT_UNREACHABLE`: the endpoint could not be reached (connection refused, DNS).
 * - `E_TRANSPORT_TIMEOUT`: no upgrade within `connectTimeoutMs`, or no pong within
 *   `keepaliveTimeoutMs`. Retried.
 * - `E_TRANSPORT_CLOSED`: the socket closed unexpectedly; `closeCode` says how. 1006, 1011–1014 are
 *   retried; 1008 (policy) and other codes are not.
 * - `E_TRANSPORT_FRAME_TOO_LARGE`: a frame in either direction exceeded `maxFrameBytes`.
 * - `E_TRANSPORT_RETRIES_EXHAUSTED`: `reconnect.maxAttempts` retries all failed; `cause` is the last.
 * - `E_TRANSPORT_OPTIONS`: the options cannot describe a Voice Live connection (bad endpoint URL).
 */
export type TransportErrorCode =
  | 'E_TRANSPORT_AUTH'
  | 'E_TRANSPORT_HANDSHAKE'
  | 'E_TRANSPORT_UNREACHABLE'
  | 'E_TRANSPORT_TIMEOUT'
  | 'E_TRANSPORT_CLOSED'
  | 'E_TRANSPORT_FRAME_TOO_LARGE'
  | 'E_TRANSPORT_RETRIES_EXHAUSTED'
  | 'E_TRANSPORT_OPTIONS';

export interface TransportErrorDetails {
  readonly retryable?: boolean;
  readonly cause?: unknown;
  /** HTTP status of a rejected upgrade. */
  readonly httpStatus?: number;
  /** WebSocket close code of an unexpected close. */
  readonly closeCode?: number;
}

/** A failure of the Voice Live transport. Messages never contain keys or tokens. */
export class TransportError extends VoxdError<TransportErrorCode> {
  readonly httpStatus?: number;
  readonly closeCode?: number;

  constructor(code: TransportErrorCode, message: string, details: TransportErrorDetails = {}) {
    super(code, message, {
      retryable: details.retryable ?? false,
      ...(details.cause === undefined ? {} : { cause: details.cause }),
    });
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.closeCode !== undefined) this.closeCode = details.closeCode;
  }
}
