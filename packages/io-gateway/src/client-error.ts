import { buildErrorEvent, protocolErrorDetails } from '@voxd/protocol';
import type { ErrorEventDetails, ProtocolError } from '@voxd/protocol';

/** The `error.*` fields of an `error` event the gateway sends a client (reference §5.5). */
export type ClientErrorDetails = ErrorEventDetails;

let counter = 0;

/** The JSON text of one `error` event, with a gateway `event_id`. */
export function clientErrorText(details: ClientErrorDetails): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  const { type, error } = buildErrorEvent(details);
  return JSON.stringify({ type, event_id: `event_gw${counter.toString(36)}`, error });
}

/** The `error` event answering a malformed client frame, echoing its `event_id`. */
export function protocolErrorText(error: ProtocolError): string {
  return clientErrorText(protocolErrorDetails(error));
}
