import { redactUrl, scrubSecrets } from './redact-url.js';
import { TransportError } from './transport-error.js';

/** Network errors worth retrying: the peer may come back (restart, transient routing). */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);
const UNREACHABLE_CODES = new Set([...RETRYABLE_NETWORK_CODES, 'ENOTFOUND']);

/** Close codes after which a new session may well succeed: abnormal drop, server restart/overload. */
const RETRYABLE_CLOSE_CODES = new Set([1006, 1011, 1012, 1013, 1014]);
/** Close codes that end a session normally: nothing to retry, nothing went wrong. */
export const NORMAL_CLOSE_CODES: ReadonlySet<number> = new Set([1000, 1001, 1005]);

/** ws reports an inbound frame above `maxPayload` with this error code, then closes with 1009. */
const WS_FRAME_TOO_LARGE = 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A socket error before the upgrade completed (TCP, DNS, TLS). */
export function connectFailure(
  url: URL,
  error: unknown,
  secrets: readonly string[],
): TransportError {
  const code = errorCode(error);
  const detail = scrubSecrets(errorMessage(error), secrets);
  const where = redactUrl(url);
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return new TransportError('E_TRANSPORT_UNREACHABLE', `cannot reach ${where}: ${detail}`, {
      retryable: RETRYABLE_NETWORK_CODES.has(code),
      cause: error,
    });
  }
  if (code === 'ETIMEDOUT') {
    return new TransportError('E_TRANSPORT_TIMEOUT', `connect to ${where} timed out: ${detail}`, {
      retryable: true,
      cause: error,
    });
  }
  return new TransportError('E_TRANSPORT_HANDSHAKE', `connect to ${where} failed: ${detail}`, {
    cause: error,
  });
}

/** A non-101 answer to the upgrade request: its status and body (the server's JSON error text). */
export interface Rejection {
  readonly status: number;
  readonly body: string;
}

/** A non-101 answer to the upgrade request. */
export function handshakeFailure(
  url: URL,
  { status, body }: Rejection,
  secrets: readonly string[],
): TransportError {
  const detail = describeBody(scrubSecrets(body, secrets));
  const message = `Voice Live refused the WebSocket upgrade to ${redactUrl(url)} with HTTP ${status}${
    detail === '' ? '' : `: ${detail}`
  }`;
  if (status === 401 || status === 403) {
    return new TransportError('E_TRANSPORT_AUTH', message, { httpStatus: status });
  }
  return new TransportError('E_TRANSPORT_HANDSHAKE', message, {
    httpStatus: status,
    retryable: status >= 500,
  });
}

/** `{"error":{"code","message"}}` → `code: message`; other text is kept, shortened. */
function describeBody(body: string): string {
  const text = body.trim();
  if (text === '') return '';
  try {
    const parsed: unknown = JSON.parse(text);
    const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (typeof error?.message === 'string') {
      return typeof error.code === 'string' ? `${error.code}: ${error.message}` : error.message;
    }
  } catch {
    // Not JSON: show the text itself.
  }
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/** The socket closed after it had opened, not at our request. `undefined` means a normal end. */
export function closeFailure(
  code: number,
  reason: string,
  lastError: unknown,
): TransportError | undefined {
  if (code === 1009 || errorCode(lastError) === WS_FRAME_TOO_LARGE) {
    return new TransportError(
      'E_TRANSPORT_FRAME_TOO_LARGE',
      `the service sent a frame larger than maxFrameBytes (close ${code}${
        lastError === undefined ? '' : `: ${errorMessage(lastError)}`
      })`,
      { closeCode: code, cause: lastError },
    );
  }
  if (NORMAL_CLOSE_CODES.has(code)) return undefined;
  const text = reason === '' ? '' : ` (${reason})`;
  return new TransportError(
    'E_TRANSPORT_CLOSED',
    `the service closed the socket with ${code}${text}`,
    {
      closeCode: code,
      retryable: RETRYABLE_CLOSE_CODES.has(code),
      ...(lastError === undefined ? {} : { cause: lastError }),
    },
  );
}
