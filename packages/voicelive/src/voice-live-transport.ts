import { randomUUID } from 'node:crypto';

import type { Transport, TransportMessage, TransportStatus } from '@voxd/core';
import type { ClientEvent } from '@voxd/protocol';
import { DEFAULT_API_VERSION, encodeEvent } from '@voxd/protocol';
import {
  asyncScheduler,
  defer,
  EMPTY,
  filter,
  from,
  ReplaySubject,
  share,
  Subject,
  switchMap,
  takeUntil,
  tap,
} from 'rxjs';

import { DEFAULT_RECONNECT } from './backoff-delay.js';
import { buildVoiceLiveUrl } from './build-url.js';
import { createWsSocket } from './create-ws-socket.js';
import { openConnection } from './open-connection.js';
import type { ConnectionSignal } from './open-connection.js';
import { reconnectWithBackoff } from './reconnect-with-backoff.js';
import { redactUrl } from './redact-url.js';
import { silentLogger } from './silent-logger.js';
import { TransportError } from './transport-error.js';
import type { SocketRequest, VoiceLiveOptions, WebSocketLike } from './voice-live-options.js';

const OPEN = 1;
const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
const CLIENT_CLOSED = 'client closed';

/**
 * Creates the WebSocket transport to a Voice Live endpoint (Azure or the local server).
 *
 * `messages$` is cold and shared: the first subscriber connects, the last unsubscribe closes the
 * socket. Retryable failures (network drops, close 1006/1011–1014, HTTP 5xx, timeouts, dead
 * keepalive) reconnect with capped exponential backoff; each new session starts with its own
 * `session.created`. Auth failures (401/403), policy closes (1008), other 4xx and exhausted retries
 * error `messages$` with a `TransportError`. `status$` replays the latest status to new subscribers;
 * `attempt` is 0 for the first connect and N for the N-th retry since the last successful open.
 *
 * @throws TransportError `E_TRANSPORT_OPTIONS` at once if the endpoint is not an http(s)/ws(s) URL.
 * @example
 * const transport = createVoiceLiveTransport({
 *   endpoint: 'https://my-resource.services.ai.azure.com',
 *   target: { model: 'gpt-realtime' },
 *   auth: { type: 'api-key', key },
 * });
 * transport.messages$.subscribe((message) => console.log(message.kind));
 */
export function createVoiceLiveTransport(options: VoiceLiveOptions): Transport {
  const url = buildVoiceLiveUrl({
    endpoint: options.endpoint,
    target: options.target,
    apiVersion: options.apiVersion ?? DEFAULT_API_VERSION,
    auth: options.auth,
  });
  const scheduler = options.scheduler ?? asyncScheduler;
  const logger = options.logger ?? silentLogger;
  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  const reconnect = { ...DEFAULT_RECONNECT, ...options.reconnect };
  const { auth } = options;
  const secrets: string[] = auth.type === 'api-key' ? [auth.key] : [];
  const status$ = new ReplaySubject<TransportStatus>(1);
  const closeRequest$ = new Subject<void>();
  let socket: WebSocketLike | undefined;
  let closeCode = 1000;
  let closed = false;
  let lifecycleActive = false;

  async function prepareRequest(): Promise<SocketRequest> {
    const extra = typeof options.headers === 'function' ? options.headers() : options.headers;
    const headers: Record<string, string> = {
      'user-agent': 'voxd-voicelive/0.1.0',
      'x-ms-client-request-id': randomUUID(),
      ...extra,
    };
    if (auth.type === 'api-key' && auth.in !== 'query') headers['api-key'] = auth.key;
    if (auth.type === 'token') {
      const token = await fetchToken(auth.getToken);
      // Only the current token is kept for scrubbing error texts.
      secrets.splice(0, secrets.length, token);
      headers['authorization'] = `Bearer ${token}`;
    }
    return { url, headers, maxPayloadBytes: maxFrameBytes };
  }

  const settings = {
    createSocket: options.createSocket ?? createWsSocket,
    connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
    maxFrameBytes,
    keepaliveMs: options.keepaliveMs ?? 20_000,
    keepaliveTimeoutMs: options.keepaliveTimeoutMs ?? 10_000,
    scheduler,
    secrets,
    closeCode: () => closeCode,
  };

  const messages$ = defer(() => {
    if (closed) return EMPTY;
    let attempt = 0;
    let ended = false;
    lifecycleActive = true;
    const end = (status: TransportStatus): void => {
      if (ended) return;
      ended = true;
      lifecycleActive = false;
      socket = undefined;
      status$.next(status);
      if (closed) status$.complete();
    };
    return defer(() => {
      status$.next({ type: 'connecting', attempt });
      return from(prepareRequest()).pipe(switchMap((request) => openConnection(request, settings)));
    }).pipe(
      tap((signal) => {
        if (signal.kind === 'opened') {
          socket = signal.socket;
          status$.next({ type: 'open', attempt });
          logger.info({ url: redactUrl(url), attempt }, 'voice live connected');
          attempt = 0;
        } else if (signal.kind === 'closed') {
          end({ type: 'closed', code: signal.code, reason: signal.reason });
        }
      }),
      reconnectWithBackoff<ConnectionSignal>(
        reconnect,
        {
          onRetry: ({ attempt: retry, delayMs, error }) => {
            socket = undefined;
            attempt = retry;
            const reason = error instanceof Error ? error.message : String(error);
            status$.next({ type: 'reconnecting', attempt: retry, reason, delayMs });
            logger.warn(
              { attempt: retry, delayMs, code: errorCode(error) },
              'voice live reconnecting',
            );
          },
        },
        scheduler,
      ),
      takeUntil(closeRequest$),
      tap({
        error: (error: unknown) => {
          logger.error({ code: errorCode(error) }, 'voice live connection failed');
          const closeCodeOfError = error instanceof TransportError ? error.closeCode : undefined;
          const reason = error instanceof Error ? error.message : String(error);
          end({ type: 'closed', code: closeCodeOfError ?? 1006, reason });
        },
        complete: () => end({ type: 'closed', code: closeCode, reason: CLIENT_CLOSED }),
        unsubscribe: () => end({ type: 'closed', code: closeCode, reason: CLIENT_CLOSED }),
      }),
      filter(
        (signal): signal is TransportMessage =>
          signal.kind !== 'opened' && signal.kind !== 'closed',
      ),
    );
  }).pipe(share());

  /** Sends one frame of JSON text; `eventType` names it in errors and logs. */
  function sendText(text: string, eventType: string): void {
    if (text.length > maxFrameBytes || Buffer.byteLength(text) > maxFrameBytes) {
      throw new TransportError(
        'E_TRANSPORT_FRAME_TOO_LARGE',
        `${eventType} is ${Buffer.byteLength(text)} bytes, over maxFrameBytes (${maxFrameBytes})`,
      );
    }
    const current = socket;
    if (current === undefined || current.readyState !== OPEN) {
      logger.warn({ eventType }, 'voice live event dropped: not connected');
      return;
    }
    // ws calls back with null (not undefined) on success.
    current.send(text, (error) => {
      if (error instanceof Error) {
        logger.warn({ eventType, err: error.message }, 'voice live send failed');
      }
    });
  }

  return {
    messages$,
    status$: status$.asObservable(),
    send(event: ClientEvent): void {
      sendText(encodeEvent(event), event.type);
    },
    sendRaw(text: string): void {
      sendText(text, 'raw');
    },
    close(code = 1000): void {
      if (closed) return;
      closed = true;
      closeCode = code;
      closeRequest$.next();
      // Nobody was subscribed: still report the end, once.
      if (!lifecycleActive) {
        status$.next({ type: 'closed', code, reason: CLIENT_CLOSED });
        status$.complete();
      }
    },
  };
}

async function fetchToken(getToken: () => Promise<string>): Promise<string> {
  try {
    return await getToken();
  } catch (error) {
    if (error instanceof TransportError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new TransportError('E_TRANSPORT_AUTH', `could not get an access token: ${detail}`, {
      cause: error,
    });
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof TransportError ? error.code : undefined;
}
