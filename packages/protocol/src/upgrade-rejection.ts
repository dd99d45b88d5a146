/** The HTTP statuses a Voice Live server answers an upgrade with instead of 101. */
export type UpgradeRejectionStatus = 400 | 401 | 404 | 405 | 426 | 503;

/**
 * A refused WebSocket upgrade: the HTTP status and the short JSON body the reference asks for
 * (§1.2: `{"error":{"code":"Unauthorized","message":"…"}}`), sent before any upgrade.
 */
export interface UpgradeRejection {
  readonly ok: false;
  readonly status: UpgradeRejectionStatus;
  /** A PascalCase code such as `Unauthorized` or `MissingApiVersion`. */
  readonly code: string;
  readonly message: string;
  /** The JSON text of the response body. */
  readonly body: string;
}

const STATUS_TEXT: Readonly<Record<UpgradeRejectionStatus, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  426: 'Upgrade Required',
  503: 'Service Unavailable',
};

/**
 * Builds a rejection with its JSON body.
 *
 * @example
 * rejectUpgrade(503, 'ServiceUnavailable', 'the gateway is draining; try another instance')
 */
export function rejectUpgrade(
  status: UpgradeRejectionStatus,
  code: string,
  message: string,
): UpgradeRejection {
  return { ok: false, status, code, message, body: JSON.stringify({ error: { code, message } }) };
}

/**
 * The complete HTTP/1.1 response text for a rejected upgrade, to write on the raw socket of an
 * `upgrade` event (there is no `ServerResponse` there). `Connection: close` because the client
 * asked to switch protocols and the socket is not reusable for HTTP.
 */
export function formatUpgradeResponse(rejection: UpgradeRejection): string {
  const bytes = new TextEncoder().encode(rejection.body).byteLength;
  return (
    `HTTP/1.1 ${rejection.status} ${STATUS_TEXT[rejection.status]}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${bytes}\r\nConnection: close\r\n\r\n` +
    rejection.body
  );
}

/** What a Voice Live server answers a plain HTTP request (not an upgrade) with. */
export const UPGRADE_REQUIRED: UpgradeRejection = Object.freeze(
  rejectUpgrade(426, 'UpgradeRequired', 'connect with a WebSocket to /voice-live/realtime'),
);
