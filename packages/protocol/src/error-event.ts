import type { ProtocolError, ProtocolErrorCode } from './protocol-error.js';

/** What a server tells a client in an `error` event (reference §5.5). */
export interface ErrorEventDetails {
  /** @default 'invalid_request_error' */
  readonly type?: 'invalid_request_error' | 'server_error';
  readonly code: string;
  readonly message: string;
  /** The offending field, e.g. `session.turn_detection.threshold`. */
  readonly param?: string | undefined;
  /** The `event_id` of the client event the error is about, echoed so the client can match it. */
  readonly eventId?: string | undefined;
}

/**
 * An `error` server event before the sender stamps its own `event_id` on it. `param` and
 * `event_id` are `null` when unknown, as the local server and the gateway have always sent them.
 */
export interface UnstampedErrorEvent {
  readonly type: 'error';
  readonly error: {
    readonly type: 'invalid_request_error' | 'server_error';
    readonly code: string;
    readonly message: string;
    readonly param: string | null;
    readonly event_id: string | null;
  };
}

/**
 * Builds the `error` event a server sends a client. The server adds the event's own `event_id`
 * (each server has its own id scheme); key order on the wire is up to the sender.
 *
 * @example
 * socket.send(JSON.stringify({ ...buildErrorEvent({ code: 'item_not_found', message }), event_id: newId() }));
 */
export function buildErrorEvent(details: ErrorEventDetails): UnstampedErrorEvent {
  return {
    type: 'error',
    error: {
      type: details.type ?? 'invalid_request_error',
      code: details.code,
      message: details.message,
      param: details.param ?? null,
      event_id: details.eventId ?? null,
    },
  };
}

/** The wire code (§7.1) for each parse failure. */
const WIRE_CODES: Readonly<Record<ProtocolErrorCode, string>> = {
  E_PROTOCOL_NOT_JSON: 'invalid_json',
  E_PROTOCOL_NOT_OBJECT: 'invalid_json',
  E_PROTOCOL_MISSING_TYPE: 'missing_required_parameter',
  E_PROTOCOL_MISSING_FIELD: 'missing_required_parameter',
  E_PROTOCOL_INVALID_FIELD: 'invalid_value',
  E_PROTOCOL_FRAME_TOO_LARGE: 'invalid_value',
};

/**
 * The `error` details answering a malformed client frame (§7.1): the wire code for the parse
 * failure, the parser's message, the offending `param`, and the client's `event_id` echoed.
 */
export function protocolErrorDetails(error: ProtocolError): ErrorEventDetails {
  return {
    code: WIRE_CODES[error.code],
    message: error.message,
    param: error.param,
    eventId: error.eventId,
  };
}
