import type { VoxdError } from '@voxd/errors';
import type {
  ResponseStatus,
  ServerEvent,
  SessionObject,
  StatusDetails,
  Usage,
} from '@voxd/protocol';

import type { DroppedCallReason } from './decide-function-calls.js';

/** Why a session ended. */
export type SessionCloseReason =
  /** `Session.close()` was called. */
  | 'closed'
  /** `endWhenSourceCompletes`: the source ended and the last response finished playing. */
  | 'source-ended'
  /** The transport's stream ended (the server closed the connection). */
  | 'transport-closed'
  /** A fatal error; `events$` errors right after this event. */
  | 'error';

/** Fields every session event carries. */
interface EventBase {
  /** When the session emitted the event: `scheduler.now()` in ms (virtual time in marble tests). */
  readonly atMs: number;
}

/**
 * Everything a session reports, as a union discriminated on `type` (dot-namespaced like the wire
 * protocol). Event taps, the metrics observer, loggers and the CLI timeline read only these.
 *
 * Latency fields are measured with the session scheduler's `now()`, from the moment the session
 * processed the causing server event, so they exclude the network but include local processing.
 */
export type SessionEvent =
  | (EventBase & { readonly type: 'session.connecting' })
  /** The server accepted the session's `session.update`; audio starts to flow. */
  | (EventBase & {
      readonly type: 'session.ready';
      readonly sessionId: string;
      /** The effective session the server echoed in `session.updated`. */
      readonly session: SessionObject;
    })
  | (EventBase & {
      readonly type: 'session.reconnecting';
      readonly attempt: number;
      readonly reason: string;
      readonly delayMs: number;
    })
  /** A new server session replaced a lost one and accepted the session config again. */
  | (EventBase & {
      readonly type: 'session.reconnected';
      readonly sessionId: string;
      /** Reconnections of this session so far, this one included. */
      readonly reconnects: number;
    })
  /**
   * A problem. `recoverable: true` means the session goes on (server `error` events, malformed
   * frames, a failed tool); `false` means `events$` errors with `error` right after
   * `session.closed`.
   */
  | (EventBase & {
      readonly type: 'session.error';
      readonly recoverable: boolean;
      /** `CoreError` code, the server's `error.code` for `E_SERVER_ERROR`, or another package's code. */
      readonly code: string;
      readonly message: string;
      readonly error: VoxdError;
    })
  /** The last event: the session released everything. */
  | (EventBase & { readonly type: 'session.closed'; readonly reason: SessionCloseReason })
  /** Every typed server event, as received (for taps and the `--events` log). */
  | (EventBase & { readonly type: 'server.event'; readonly event: ServerEvent })
  /** A server event of a type `@voxd/protocol` does not know; kept, not dropped. */
  | (EventBase & {
      readonly type: 'server.unknown';
      readonly eventType: string;
      readonly raw: Readonly<Record<string, unknown>>;
    })
  /** User audio sent to the server (one per `input_audio_buffer.append`). */
  | (EventBase & { readonly type: 'input.audio'; readonly durationMs: number })
  /** The source completed; `sentMs` is the total user audio sent. */
  | (EventBase & { readonly type: 'input.ended'; readonly sentMs: number })
  /** The server's VAD heard the user start speaking. */
  | (EventBase & {
      readonly type: 'turn.started';
      readonly itemId: string;
      /** On the session's cumulative input timeline. */
      readonly audioStartMs: number;
    })
  /** The server's VAD heard the user stop speaking. */
  | (EventBase & {
      readonly type: 'turn.ended';
      readonly itemId: string;
      readonly audioEndMs: number;
    })
  /** The user's audio became a conversation item (by VAD or an explicit commit). */
  | (EventBase & {
      readonly type: 'turn.committed';
      readonly itemId: string;
      readonly previousItemId: string | undefined;
      /** Whether the server starts a response by itself (`turn_detection.create_response`). */
      readonly responseExpected: boolean;
    })
  /** The session sent `response.create` (after tool outputs, or at the end of input without VAD). */
  | (EventBase & {
      readonly type: 'response.requested';
      readonly reason: 'tool-outputs' | 'input-ended';
    })
  /** User speech interrupted assistant audio or a running response (barge-in). */
  | (EventBase & {
      readonly type: 'turn.interrupted';
      /** Responses whose remaining output was dropped. */
      readonly responseIds: readonly string[];
      /** Whether `response.cancel` was sent (only for a response not yet done). */
      readonly cancelSent: boolean;
      /** The `conversation.item.truncate` events sent (none with `auto_truncate`). */
      readonly truncations: readonly { readonly itemId: string; readonly audioEndMs: number }[];
    })
  | (EventBase & {
      readonly type: 'transcript.user';
      readonly itemId: string;
      /** A delta when `final` is false; the whole transcript when true. */
      readonly text: string;
      readonly final: boolean;
    })
  | (EventBase & {
      readonly type: 'transcript.assistant';
      readonly responseId: string;
      readonly itemId: string;
      /** A delta when `final` is false; the whole transcript (or text) when true. */
      readonly text: string;
      readonly final: boolean;
    })
  | (EventBase & { readonly type: 'response.started'; readonly responseId: string })
  /** The first audio of a response arrived. */
  | (EventBase & {
      readonly type: 'response.audio.first';
      readonly responseId: string;
      readonly itemId: string;
      /** Since the last `turn.ended` before this response (turn latency); undefined without VAD. */
      readonly sinceSpeechStoppedMs: number | undefined;
      readonly sinceResponseStartedMs: number;
    })
  /** Assistant audio received (one per accepted `response.audio.delta`). */
  | (EventBase & {
      readonly type: 'response.audio';
      readonly responseId: string;
      readonly itemId: string;
      readonly durationMs: number;
    })
  | (EventBase & {
      readonly type: 'response.done';
      readonly responseId: string;
      readonly status: ResponseStatus;
      readonly statusDetails: StatusDetails | undefined;
      readonly usage: Usage | undefined;
      readonly durationMs: number;
    })
  /** `sink.play()` was subscribed for an assistant item. */
  | (EventBase & {
      readonly type: 'playback.started';
      readonly responseId: string;
      readonly itemId: string;
    })
  /** The sink played an item to its end. */
  | (EventBase & {
      readonly type: 'playback.finished';
      readonly responseId: string;
      readonly itemId: string;
      readonly playedMs: number;
    })
  /** Playback of an item stopped early (barge-in or close); the sink dropped the rest. */
  | (EventBase & {
      readonly type: 'playback.interrupted';
      readonly responseId: string;
      readonly itemId: string;
      /** What the sink reported as heard. */
      readonly playedMs: number;
      /** Audio of that item received so far. */
      readonly receivedMs: number;
      /** From the `speech_started` that caused it to the sink's unsubscribe (0 on close). */
      readonly flushLatencyMs: number;
    })
  | (EventBase & {
      readonly type: 'tool.call';
      readonly responseId: string;
      readonly callId: string;
      readonly name: string;
      /** The parsed arguments, or `undefined` if they were not valid JSON. */
      readonly arguments: unknown;
    })
  | (EventBase & {
      readonly type: 'tool.result';
      readonly responseId: string;
      readonly callId: string;
      readonly name: string;
      readonly durationMs: number;
      readonly ok: boolean;
      /** The text sent to the model as the call's output. */
      readonly output: string;
      /** Why it failed (`ok: false`). */
      readonly error?: string;
      readonly timedOut: boolean;
    })
  /**
   * A function call that was not run: its response was cancelled (barge-in, `response.cancel`) or
   * its item did not complete. Nothing was sent to the server for it and no `tool.call` preceded it.
   */
  | (EventBase & {
      readonly type: 'tool.dropped';
      readonly responseId: string;
      readonly callId: string;
      readonly name: string;
      readonly reason: DroppedCallReason;
      /** The arguments as the server closed the item: partial JSON when it was cut. */
      readonly argumentsJson: string;
    });

/** Every `SessionEvent['type']`. */
export type SessionEventType = SessionEvent['type'];

/** The member of `SessionEvent` with `type` `TType`. */
export type SessionEventOf<TType extends SessionEventType> = Extract<SessionEvent, { type: TType }>;

/** A session event before the session stamps it with `atMs`. */
export type SessionEventInit = SessionEvent extends infer TEvent
  ? TEvent extends SessionEvent
    ? Omit<TEvent, 'atMs'>
    : never
  : never;
