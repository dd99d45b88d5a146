import { VoxdError } from '@voxd/errors';

/**
 * Why a wire event could not be used.
 *
 * - `E_PROTOCOL_NOT_JSON`: the frame is not valid JSON (or, for binary frames, not valid UTF-8).
 * - `E_PROTOCOL_NOT_OBJECT`: valid JSON, but not an object (array, number, string, `null`…).
 * - `E_PROTOCOL_MISSING_TYPE`: an object without a `type` field (absent or `null`).
 * - `E_PROTOCOL_MISSING_FIELD`: a required field (named by `param`) is absent or `null`.
 * - `E_PROTOCOL_INVALID_FIELD`: a field (named by `param`) has the wrong type, an unknown enum value
 *   or a value out of range; also a `type` that is not a non-empty string.
 * - `E_PROTOCOL_FRAME_TOO_LARGE`: the frame is larger than the parser's `maxBytes`.
 */
export type ProtocolErrorCode =
  | 'E_PROTOCOL_NOT_JSON'
  | 'E_PROTOCOL_NOT_OBJECT'
  | 'E_PROTOCOL_MISSING_TYPE'
  | 'E_PROTOCOL_MISSING_FIELD'
  | 'E_PROTOCOL_INVALID_FIELD'
  | 'E_PROTOCOL_FRAME_TOO_LARGE';

/** Where a malformed event went wrong, as far as it could be read. */
export interface ProtocolErrorDetails {
  /** Dotted path of the first offending field, e.g. `session.turn_detection.threshold` or `session.tools[0].name`. */
  readonly param?: string;
  /** The event's `type`, when it was a string. */
  readonly eventType?: string;
  /** The event's `event_id`, when it was a string: a server echoes it in `error.event_id`. */
  readonly eventId?: string;
  readonly cause?: unknown;
}

/**
 * A wire event that cannot be used. Returned (not thrown) by `parseClientEvent`/`parseServerEvent`
 * inside `{ kind: 'malformed' }`, so one bad frame never ends a session.
 */
export class ProtocolError extends VoxdError<ProtocolErrorCode> {
  readonly param?: string;
  readonly eventType?: string;
  readonly eventId?: string;

  constructor(code: ProtocolErrorCode, message: string, details: ProtocolErrorDetails = {}) {
    super(code, message, details.cause === undefined ? {} : { cause: details.cause });
    if (details.param !== undefined) this.param = details.param;
    if (details.eventType !== undefined) this.eventType = details.eventType;
    if (details.eventId !== undefined) this.eventId = details.eventId;
  }
}
