import type { ClientEvent, ServerEvent } from '@voxd/protocol';
import type { Observable } from 'rxjs';

/** Why the transport lost or changed its connection; reported through `TransportStatus`. */
export type TransportStatus =
  | { readonly type: 'connecting'; readonly attempt: number }
  | { readonly type: 'open'; readonly attempt: number }
  | {
      readonly type: 'reconnecting';
      readonly attempt: number;
      readonly reason: string;
      readonly delayMs: number;
    }
  | { readonly type: 'closed'; readonly code: number; readonly reason: string };

/**
 * What arrives from the service: typed events, unknown events kept as they are, and bad frames.
 * `text`, when a transport sets it, is the frame's original JSON text: a relay (the gateway) forwards
 * it as is instead of re-encoding the event (no second pass over base64 audio, no fields lost).
 */
export type TransportMessage =
  | { readonly kind: 'event'; readonly event: ServerEvent; readonly text?: string }
  | {
      readonly kind: 'unknown';
      readonly type: string;
      readonly raw: Readonly<Record<string, unknown>>;
      readonly text?: string;
    }
  | { readonly kind: 'malformed'; readonly reason: string };

/**
 * A connection to a Voice Live endpoint (Azure, the embedded local server, a test double).
 *
 * `messages$` is cold and shared: the first subscription connects, the last unsubscribe closes.
 * After a reconnect the stream continues (a new `session.created` arrives) and `status$` says so.
 * A fatal failure (auth, policy, retries exhausted) errors `messages$` with a `VoxdError`.
 */
export interface Transport {
  readonly messages$: Observable<TransportMessage>;
  readonly status$: Observable<TransportStatus>;
  /** Sends one event. Events sent while not connected are dropped and reported in `status$`. */
  send(event: ClientEvent): void;
  /**
   * Optional: sends one frame of JSON text as is (a relay forwarding a client's original frame, so
   * audio is not re-encoded). Same rules as `send`; callers fall back to `send` when it is absent.
   */
  sendRaw?(text: string): void;
  close(code?: number): void;
}
