import type { Logger, SessionEvent, ToolDefinition, Transport } from '@voxd/core';
import type { SessionConfig } from '@voxd/protocol';
import type { Observable, SchedulerLike } from 'rxjs';

import type { FieldPolicy } from './field-policy.js';

/** What `createUpstream` learns about the client session it opens an upstream for. */
export interface UpstreamRequest {
  /** The gateway's id of the client session (`gw_…`), for logs and correlation. */
  readonly sessionId: string;
  /** The client's upgrade query (api-version, model…; credentials removed). */
  readonly query: URLSearchParams;
}

/** Options of {@link startGateway}. */
export interface GatewayOptions {
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** `0` picks a free port. @default 8765 */
  readonly port?: number;
  /** Upgrade paths accepted. @default ['/voice-live/realtime', '/voice-agent/realtime'] */
  readonly paths?: readonly string[];
  /**
   * voxd's own client credentials, checked in constant time before the upgrade (401 otherwise):
   * `api-key` header or query parameter, `Authorization: Bearer` header or `authorization` query
   * parameter, as Voice Live accepts them. At least one key or token is required.
   */
  readonly auth: { readonly apiKeys: readonly string[]; readonly bearerTokens: readonly string[] };
  /** The agent's session, applied upstream server-side before the client sees `session.created`. */
  readonly session: SessionConfig;
  /**
   * What a client's `session.update` may do to each top-level session field: `allow` (the client's
   * value wins; `tools` are added after the agent's), `keep` (the agent's value stays, the
   * client's is dropped) or `reject` (`error` `session_field_not_allowed`, nothing forwarded).
   * Overrides `DEFAULT_FIELD_POLICIES`; the client's audio fields (`CLIENT_AUDIO_FIELDS`) are
   * always allowed. Checked by `startGateway` (`E_GATEWAY_OPTIONS`).
   */
  readonly clientSessionFields?: Readonly<Record<string, FieldPolicy>>;
  /**
   * @deprecated Use `clientSessionFields: { field: 'allow' }`. Each field listed is `allow`; the
   * others follow `clientSessionFields` and the defaults (no longer `reject`).
   */
  readonly allowClientSessionFields?: readonly string[];
  /**
   * Called the first time in a session that a client's value of `field` is dropped under `keep`
   * (when the gateway logs it), e.g. to count it in a metric.
   */
  readonly onSessionFieldDropped?: (drop: {
    readonly sessionId: string;
    readonly field: string;
  }) => void;
  /** Tools run inside voxd; declared upstream, their calls hidden from the client. */
  readonly tools?: readonly ToolDefinition[];
  /** Also relay the events of agent tool calls to the client. @default false */
  readonly forwardToolCalls?: boolean;
  /** Opens one upstream Voice Live connection per client session (voxd's credentials inside). */
  createUpstream(request: UpstreamRequest): Transport;
  /** Concurrent sessions; over it upgrades get HTTP 503. @default 100 */
  readonly maxSessions?: number;
  /** Largest client frame; larger ones close the client with 1009. @default 1 MiB */
  readonly maxFrameBytes?: number;
  /** Bytes queued to a client beyond which it is closed with 1008 'client too slow'. @default 8 MiB */
  readonly clientBufferBytes?: number;
  /** No client frame for this long closes the session with 1000. @default 300_000 (0: off) */
  readonly idleTimeoutMs?: number;
  /** Sessions longer than this are closed with 1001. @default 3_600_000 (0: off) */
  readonly maxSessionDurationMs?: number;
  /** Until the upstream is ready; then the client is closed with 1011. @default 30_000 */
  readonly upstreamReadyTimeoutMs?: number;
  /** Client events queued while the upstream gets ready; more closes the client with 1008. @default 256 */
  readonly maxQueuedEvents?: number;
  /** For tools that set no `timeoutMs`. @default 10_000 */
  readonly toolTimeoutMs?: number;
  readonly logger?: Logger;
  /** Time source of latencies, timeouts and tool timeouts. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/** A running gateway. */
export interface Gateway {
  /** `http://HOST:PORT`: what Voice Live clients take as their endpoint. */
  readonly url: string;
  readonly port: number;
  /** Each new client session, as it is accepted (for metering and logging). */
  readonly sessions$: Observable<GatewaySession>;
  activeSessions(): number;
  /**
   * Stops accepting (new upgrades get 503), lets responses in flight finish until `deadlineMs`,
   * then closes the remaining sessions with 1001.
   */
  drain(options: { readonly deadlineMs: number }): Promise<void>;
  /** Closes every session (1001) and the listener. */
  close(): Promise<void>;
}

/** One client connection relayed to its own upstream. */
export interface GatewaySession {
  readonly id: string;
  /**
   * What happened in the session, as core `SessionEvent`s derived from the relayed traffic. Hot,
   * not replayed (a session may run for hours): subscribe when `sessions$` emits the session, before
   * its first event. Completes after `session.closed`.
   */
  readonly events$: Observable<SessionEvent>;
  /** Resolves when the session has ended, with the close code and reason of the client socket. */
  readonly closed: Promise<GatewayCloseStatus>;
  /** Closes the client (default 1000) and the upstream. */
  close(code?: number, reason?: string): void;
}

/** How a gateway session's client socket closed. */
export interface GatewayCloseStatus {
  /** 1000 normal, 1001 drain or duration limit, 1008 client too slow, 1009 frame too large, 1011 upstream failure; or the client's own code. */
  readonly code: number;
  readonly reason: string;
}
