import type { IncomingMessage } from 'node:http';

import type { Logger } from '@voxd/core';
import type { SchedulerLike } from 'rxjs';

/** What the connection talks to: a model deployment, or a Foundry agent. */
export type VoiceLiveTarget =
  | { readonly model: string }
  | {
      readonly agent: {
        readonly name: string;
        readonly project: string;
        readonly version?: string;
        readonly conversationId?: string;
      };
    };

/**
 * How the connection authenticates.
 *
 * - `api-key`: the resource key, in the `api-key` header (default) or the `api-key` query parameter.
 * - `token`: an Entra ID access token (scope `https://ai.azure.com/.default`) sent as
 *   `Authorization: Bearer …`. `getToken` is called once per connect, so reconnects use a fresh
 *   token. See `createEntraTokenProvider`.
 */
export type VoiceLiveAuth =
  | { readonly type: 'api-key'; readonly key: string; readonly in?: 'header' | 'query' }
  | { readonly type: 'token'; readonly getToken: () => Promise<string> };

/** Capped exponential backoff between reconnect attempts. */
export interface ReconnectOptions {
  /** Retries after a retryable failure before giving up with `E_TRANSPORT_RETRIES_EXHAUSTED`. @default 5 */
  readonly maxAttempts?: number;
  /** @default 500 */
  readonly initialDelayMs?: number;
  /** @default 10_000 */
  readonly maxDelayMs?: number;
  /** Fraction (0–1) of each delay that is randomised away, to spread reconnect storms. @default 0.2 */
  readonly jitter?: number;
}

/** The subset of a `ws` client socket the transport uses; `createSocket` may return a test double. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string, callback?: (error?: Error | null) => void): void;
  ping(): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'open', listener: () => void): unknown;
  on(event: 'message', listener: (data: WebSocketData, isBinary: boolean) => void): unknown;
  on(event: 'close', listener: (code: number, reason: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'pong', listener: (data: Buffer) => void): unknown;
  on(
    event: 'unexpected-response',
    listener: (request: { destroy(): void }, response: IncomingMessage) => void,
  ): unknown;
}

export type WebSocketData = Buffer | ArrayBuffer | Buffer[];

/** What `createSocket` receives for each connect. */
export interface SocketRequest {
  readonly url: URL;
  /** Upgrade request headers, credentials included. */
  readonly headers: Readonly<Record<string, string>>;
  /** Largest inbound frame to accept. */
  readonly maxPayloadBytes: number;
}

export interface VoiceLiveOptions {
  /**
   * Resource endpoint. `https:` becomes `wss:`, `http:` becomes `ws:`, `ws:`/`wss:` are kept. A path
   * prefix is kept and `/voice-live/realtime` appended (unless the path already ends with it).
   */
  readonly endpoint: string;
  readonly target: VoiceLiveTarget;
  readonly auth: VoiceLiveAuth;
  /** @default DEFAULT_API_VERSION of @voxd/protocol */
  readonly apiVersion?: string;
  /** Extra upgrade headers; a function is called per connect (e.g. a fresh `x-ms-client-request-id`). */
  readonly headers?: Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>);
  /** Ping interval. `0` turns keepalive off. @default 20_000 */
  readonly keepaliveMs?: number;
  /** How long to wait for a pong before the connection counts as dead and is replaced. @default 10_000 */
  readonly keepaliveTimeoutMs?: number;
  /** Largest frame accepted from the service and allowed to be sent. @default 16 MiB */
  readonly maxFrameBytes?: number;
  /** Time allowed for TCP connect + HTTP upgrade. @default 15_000 */
  readonly connectTimeoutMs?: number;
  readonly reconnect?: ReconnectOptions;
  /** @default a logger that discards everything */
  readonly logger?: Logger;
  /** Scheduler for keepalive, timeouts and backoff. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /** @default (request) => new WebSocket(request.url, { headers, maxPayload }) from `ws` */
  readonly createSocket?: (request: SocketRequest) => WebSocketLike;
}
