import type { TransportMessage } from '@voxd/core';
import { Observable, Subscription } from 'rxjs';
import type { SchedulerLike } from 'rxjs';

import { closeFailure, connectFailure, handshakeFailure } from './classify-failure.js';
import { frameToMessage } from './frame-to-message.js';
import { readRejectionBody } from './read-rejection-body.js';
import { redactUrl } from './redact-url.js';
import { TransportError } from './transport-error.js';
import type { SocketRequest, WebSocketLike } from './voice-live-options.js';

/** What one connection emits: its socket once open, the parsed frames, and a normal close. */
export type ConnectionSignal =
  | { readonly kind: 'opened'; readonly socket: WebSocketLike }
  | { readonly kind: 'closed'; readonly code: number; readonly reason: string }
  | TransportMessage;

export interface ConnectionSettings {
  readonly createSocket: (request: SocketRequest) => WebSocketLike;
  readonly connectTimeoutMs: number;
  /** Frames above this become `malformed` (ws itself closes with 1009 first). */
  readonly maxFrameBytes: number;
  readonly keepaliveMs: number;
  readonly keepaliveTimeoutMs: number;
  readonly scheduler: SchedulerLike;
  /** Credentials to scrub from any text that ends up in an error. */
  readonly secrets: readonly string[];
  /** Close code used when the subscriber unsubscribes (1000 unless `close(code)` said otherwise). */
  readonly closeCode: () => number;
}

const OPEN = 1;
const CONNECTING = 0;
const BODY_TIMEOUT_MS = 2_000;

/**
 * One WebSocket connection as a cold Observable: subscribing connects, unsubscribing closes. It
 * emits `opened`, then every frame in arrival order, then `closed` and completes on a normal close
 * (1000/1001/1005). Every other end is an error: a `TransportError` whose `retryable` says whether
 * a new connection may help.
 */
export function openConnection(
  request: SocketRequest,
  settings: ConnectionSettings,
): Observable<ConnectionSignal> {
  return new Observable<ConnectionSignal>((subscriber) => {
    const timers = new Subscription();
    const { scheduler, secrets, url } = { ...settings, url: request.url };
    let settled = false;
    let opened = false;
    let awaitingPong = false;
    let lastError: unknown;

    let socket: WebSocketLike;
    try {
      socket = settings.createSocket(request);
    } catch (error) {
      subscriber.error(connectFailure(url, error, secrets));
      return undefined;
    }

    const fail = (error: TransportError): void => {
      if (settled) return;
      settled = true;
      timers.unsubscribe();
      socket.terminate();
      subscriber.error(error);
    };

    timers.add(
      scheduler.schedule(() => {
        fail(
          new TransportError(
            'E_TRANSPORT_TIMEOUT',
            `no WebSocket upgrade from ${redactUrl(url)} within ${settings.connectTimeoutMs} ms`,
            { retryable: true },
          ),
        );
      }, settings.connectTimeoutMs),
    );

    // ws emits 'error' with no listener as an uncaught exception; this listener stays for the
    // socket's whole life, even after teardown, when late errors are of no interest.
    socket.on('error', (error) => {
      lastError = error;
      if (!opened) fail(connectFailure(url, error, secrets));
    });

    socket.on('unexpected-response', (req, response) => {
      const status = response.statusCode ?? 0;
      void readRejectionBody(response, BODY_TIMEOUT_MS, scheduler).then((body) => {
        req.destroy();
        fail(handshakeFailure(url, { status, body }, secrets));
      });
    });

    socket.on('open', () => {
      if (settled) return;
      opened = true;
      timers.unsubscribe();
      subscriber.next({ kind: 'opened', socket });
      if (settings.keepaliveMs > 0) startKeepalive();
    });

    // Text and binary frames both arrive as bytes; the parser decodes UTF-8 either way.
    socket.on('message', (data) => {
      if (settled) return;
      subscriber.next(frameToMessage(data, settings.maxFrameBytes));
    });

    socket.on('pong', () => {
      awaitingPong = false;
    });

    socket.on('close', (code, reasonBuffer) => {
      if (settled) return;
      const reason = reasonBuffer.toString();
      if (!opened) {
        fail(
          connectFailure(url, lastError ?? new Error(`closed with ${code} before open`), secrets),
        );
        return;
      }
      const failure = closeFailure(code, reason, lastError);
      if (failure !== undefined) {
        fail(failure);
        return;
      }
      settled = true;
      keepalive.unsubscribe();
      subscriber.next({ kind: 'closed', code, reason });
      subscriber.complete();
    });

    const keepalive = new Subscription();
    // Ping, wait keepaliveTimeoutMs for the pong, then ping again once keepaliveMs has passed since
    // the previous ping. Any pong clears the flag, so one late pong is still accepted in time.
    function startKeepalive(): void {
      const { keepaliveMs, keepaliveTimeoutMs } = settings;
      keepalive.add(
        scheduler.schedule<'ping' | 'check'>(
          function step(phase) {
            if (phase === 'check') {
              if (awaitingPong) {
                fail(
                  new TransportError(
                    'E_TRANSPORT_TIMEOUT',
                    `no pong within ${keepaliveTimeoutMs} ms of a ping; the connection is dead`,
                    { retryable: true },
                  ),
                );
                return;
              }
              this.schedule('ping', Math.max(0, keepaliveMs - keepaliveTimeoutMs));
              return;
            }
            awaitingPong = true;
            socket.ping();
            this.schedule('check', keepaliveTimeoutMs);
          },
          keepaliveMs,
          'ping',
        ),
      );
    }

    return () => {
      keepalive.unsubscribe();
      timers.unsubscribe();
      if (settled) return;
      settled = true;
      if (socket.readyState === OPEN || socket.readyState === CONNECTING) {
        socket.close(settings.closeCode(), 'client closed');
      }
    };
  });
}
