import type { ProtocolError } from '@voxd/protocol';

/** The `error.*` fields of an `error` event the gateway sends a client (reference §5.5). */
export interface ClientErrorDetails {
  readonly type?: 'invalid_request_error' | 'server_error';
  readonly code: string;
  readonly message: string;
  readonly param?: string | undefined;
  readonly eventId?: string | undefined;
}

let counter = 0;

/** The JSON text of one `error` event, with a gateway `event_id`. */
export function clientErrorText(details: ClientErrorDetails): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return JSON.stringify({
    type: 'error',
    event_id: `event_gw${counter.toString(36)}`,
    error: {
      type: details.type ?? 'invalid_request_error',
      code: details.code,
      message: details.message,
      param: details.param ?? null,
      event_id: details.eventId ?? null,
    },
  });
}

/** The wire codes the local server (and §7.1) use for each parse failure. */
const PROTOCOL_CODES: Readonly<Record<string, string>> = {
  E_PROTOCOL_NOT_JSON: 'invalid_json',
  E_PROTOCOL_NOT_OBJECT: 'invalid_json',
  E_PROTOCOL_MISSING_TYPE: 'missing_required_parameter',
  E_PROTOCOL_MISSING_FIELD: 'missing_required_parameter',
  E_PROTOCOL_INVALID_FIELD: 'invalid_value',
  E_PROTOCOL_FRAME_TOO_LARGE: 'invalid_value',
};

/** The `error` event answering a malformed client frame, echoing its `event_id`. */
export function protocolErrorText(error: ProtocolError): string {
  return clientErrorText({
    code: PROTOCOL_CODES[error.code] ?? 'invalid_value',
    message: error.message,
    param: error.param,
    eventId: error.eventId,
  });
}
