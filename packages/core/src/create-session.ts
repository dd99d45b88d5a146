import { createRechunker, durationMs } from '@voxd/audio';
import { VoxdError } from '@voxd/errors';
import type { ClientEvent, ServerEvent, SessionConfig, SessionObject } from '@voxd/protocol';
import type { SchedulerLike } from 'rxjs';
import {
  asyncScheduler,
  BehaviorSubject,
  distinctUntilChanged,
  Observable,
  Subject,
  Subscription,
} from 'rxjs';

import type { AudioSink } from './audio-sink.js';
import type { AudioSource } from './audio-source.js';
import { createConversation } from './conversation.js';
import { CoreError } from './core-error.js';
import { encodeAppend } from './encode-append.js';
import { inputChunks } from './input-chunks.js';
import { createPlayback } from './playback.js';
import type { SessionPlugin } from './plugin.js';
import { sessionErrorEvent } from './session-error-event.js';
import type { SessionCloseReason, SessionEvent, SessionEventInit } from './session-event.js';
import {
  assertSameFormat,
  assertServerFormats,
  inputFormatOf,
  outputFormatOf,
} from './session-formats.js';
import { awaitSessionReady, updateSession } from './session-handshake.js';
import { assertDuration } from './session-options.js';
import { collectTools, composeProcessors, withPluginTools } from './session-plugins.js';
import { createToolCalls } from './tool-calls.js';
import { DEFAULT_TOOL_TIMEOUT_MS } from './tool-runner.js';
import type { Transport, TransportMessage, TransportStatus } from './transport.js';
import type { TurnState } from './turn-state.js';
import { toTurnState } from './turn-state.js';
import { whenIdle } from './when-idle.js';

/** Options of {@link createSession}. */
export interface CreateSessionOptions {
  readonly transport: Transport;
  /** The session to request with `session.update` (request form, snake_case wire fields). */
  readonly session: SessionConfig;
  /** User audio, in the session's input format (`E_FORMAT_MISMATCH` otherwise). */
  readonly source?: AudioSource;
  /** Where assistant audio plays, in the session's output format (`E_FORMAT_MISMATCH` otherwise). */
  readonly sink?: AudioSink;
  /** Tools, audio processors and event taps, applied in order. */
  readonly plugins?: readonly SessionPlugin[];
  /** Time source of every timeout and latency. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /** For `session.created` after connecting, and `session.updated` after `session.update`. @default 30_000 */
  readonly readyTimeoutMs?: number;
  /** Duration of each `input_audio_buffer.append`. @default 50 */
  readonly inputFrameMs?: number;
  /** For tools that set no `timeoutMs`. @default 10_000 */
  readonly toolTimeoutMs?: number;
  /**
   * Close by itself once the source has completed and the session has stayed `ready` (no user
   * speech, response, tool or playback) for `endGraceMs`: a WAV-in/WAV-out run then ends alone.
   * @default false
   */
  readonly endWhenSourceCompletes?: boolean;
  /** How long the session must stay idle after the source ended before it closes. @default 1_500 */
  readonly endGraceMs?: number;
}

/** A running conversation with a Voice Live endpoint. */
export interface Session {
  /**
   * Everything that happens, multicast. The first subscription starts the session (connects the
   * transport); later subscribers see events from then on. Ends with `session.closed`, then
   * completes once the sink is finalised, or errors with the fatal `VoxdError`.
   */
  readonly events$: Observable<SessionEvent>;
  /** The turn state: replays the current value and emits distinct changes; completes at the end. */
  readonly state$: Observable<TurnState>;
  /**
   * Stops the source, drops whatever was to be played, closes the transport (1000) and the sink.
   * Idempotent; resolves once the sink is finalised (a sink failure errors `events$`).
   */
  close(): Promise<void>;
}

const DEFAULT_READY_TIMEOUT_MS = 30_000;
const DEFAULT_INPUT_FRAME_MS = 50;
const DEFAULT_END_GRACE_MS = 1_500;

type Phase = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/**
 * Creates a session: on the first subscription to `events$` it waits for `session.created`, sends
 * `session.update` (with the plugins' tools), waits for `session.updated`, then streams the source
 * as `input_audio_buffer.append` and plays each assistant item on the sink, with barge-in,
 * truncation at the played position and tool round trips.
 *
 * @throws {CoreError} `E_FORMAT_MISMATCH` / `E_FORMAT_UNSUPPORTED` when the source or sink format
 *   does not match the session's, `E_TOOL_CONFLICT` for duplicate tool names.
 * @example
 * const session = createSession({ transport, session: agent.session, source, sink, endWhenSourceCompletes: true });
 * session.events$.subscribe((event) => log(event));
 */
export function createSession(options: CreateSessionOptions): Session {
  const { transport, source, sink } = options;
  const plugins = options.plugins ?? [];
  const scheduler = options.scheduler ?? asyncScheduler;
  const readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const inputFrameMs = options.inputFrameMs ?? DEFAULT_INPUT_FRAME_MS;
  const inputFormat = inputFormatOf(options.session);
  const outputFormat = outputFormatOf(options.session);
  if (source !== undefined) assertSameFormat(`source "${source.kind}"`, source.format, inputFormat);
  if (sink !== undefined) assertSameFormat(`sink "${sink.kind}"`, sink.format, outputFormat);
  assertDuration('readyTimeoutMs', readyTimeoutMs);
  assertDuration('inputFrameMs', inputFrameMs);
  if (options.toolTimeoutMs !== undefined) assertDuration('toolTimeoutMs', options.toolTimeoutMs);
  if (options.endGraceMs !== undefined) assertDuration('endGraceMs', options.endGraceMs, true);
  try {
    createRechunker(inputFormat, inputFrameMs);
  } catch (error) {
    throw new CoreError(
      'E_INVALID_OPTION',
      `createSession option inputFrameMs ${inputFrameMs}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const tools = collectTools(plugins, options.session);
  const sessionConfig = withPluginTools(options.session, tools);

  const events = new Subject<SessionEvent>();
  const state = new BehaviorSubject<TurnState>('connecting');
  // state$ completes (rather than errors) when events$ ends: its last value says how it ended.
  events.pipe(toTurnState()).subscribe({
    next: (value) => state.next(value),
    error: () => state.complete(),
    complete: () => state.complete(),
  });
  const life = new Subscription();
  // Separate from `life`: taps must see session.closed and the completion that follows it.
  const taps = new Subscription();
  let phase: Phase = 'idle';
  let closing: Promise<void> | undefined;
  let readyOnce = false;
  let effective: SessionObject | undefined;
  let updateEventId = '';
  let reconnects = 0;
  let eventCount = 0;
  let sentMs = 0;
  let inputSub: Subscription | undefined;
  const server$ = new Subject<ServerEvent>();

  function emit(event: SessionEventInit): void {
    if (phase === 'closed') return;
    events.next({ ...event, atMs: scheduler.now() });
  }

  const newEventId = (): string => `evt_voxd_${++eventCount}`;

  function send(event: ClientEvent): void {
    if (phase !== 'closed') transport.send({ ...event, event_id: event.event_id ?? newEventId() });
  }

  const toolCalls = createToolCalls({
    tools,
    defaultTimeoutMs: options.toolTimeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS,
    scheduler,
    emit,
    send,
  });
  const playback =
    sink === undefined
      ? undefined
      : createPlayback({
          sink,
          format: outputFormat,
          processOutput: composeProcessors(plugins, 'processOutput'),
          scheduler,
          emit,
          onError: (error) => fail(asVoxdError(error, 'E_SINK_FAILED')),
        });
  const turnDetection = () =>
    effective === undefined ? sessionConfig.turn_detection : effective.turn_detection;
  const conversation = createConversation({
    send,
    newEventId,
    emit,
    scheduler,
    playback,
    outputFormat,
    toolCalls,
    autoTruncate: () => turnDetection()?.auto_truncate === true,
    // Absent means the server default (server VAD, create_response on); null turns VAD off.
    createResponse: () => {
      const detection = turnDetection();
      return detection !== null && detection?.create_response !== false;
    },
  });

  function start(): void {
    if (phase !== 'idle') return;
    phase = 'connecting';
    for (const plugin of plugins) {
      try {
        const tap = plugin.tap?.(session.events$);
        if (tap !== undefined) taps.add(tap);
      } catch (error) {
        const wrapped = new CoreError(
          'E_PLUGIN_FAILED',
          `tap of plugin "${plugin.name}" threw: ${(error as Error).message}`,
          { cause: error },
        );
        emit(sessionErrorEvent(wrapped, true));
      }
    }
    emit({ type: 'session.connecting' });
    updateEventId = newEventId();
    life.add(
      awaitSessionReady({
        server$,
        send,
        session: sessionConfig,
        eventId: updateEventId,
        timeoutMs: readyTimeoutMs,
        scheduler,
      }).subscribe({ next: ({ updated }) => onReady(updated), error: fail }),
    );
    life.add(transport.status$.subscribe(onStatus));
    life.add(
      transport.messages$.subscribe({
        next: onMessage,
        error: (error) => fail(asVoxdError(error, 'E_TRANSPORT_CLOSED')),
        complete: () => void finish('transport-closed'),
      }),
    );
  }

  function onReady(updated: SessionObject): void {
    if (!acceptEffective(updated)) return;
    readyOnce = true;
    phase = 'open';
    emit({ type: 'session.ready', sessionId: updated.id, session: updated });
    if (source !== undefined) startInput();
    else if (options.endWhenSourceCompletes === true) onSourceEnded();
  }

  /** Adopts the server's effective session, unless its formats differ from ours (fatal). */
  function acceptEffective(updated: SessionObject): boolean {
    try {
      assertServerFormats(updated, inputFormat, outputFormat);
    } catch (error) {
      fail(error as CoreError);
      return false;
    }
    effective = updated;
    return true;
  }

  function onStatus(status: TransportStatus): void {
    if (status.type !== 'reconnecting' || phase === 'closed') return;
    enterReconnecting(status.attempt, status.reason, status.delayMs);
  }

  function enterReconnecting(attempt: number, reason: string, delayMs: number): void {
    if (phase === 'reconnecting') return;
    phase = 'reconnecting';
    conversation.reset();
    toolCalls.abortAll();
    emit({ type: 'session.reconnecting', attempt, reason, delayMs });
  }

  function onMessage(message: TransportMessage): void {
    if (phase === 'closed') return;
    if (message.kind === 'unknown') {
      emit({ type: 'server.unknown', eventType: message.type, raw: message.raw });
      return;
    }
    if (message.kind === 'malformed') {
      const error = new CoreError(
        'E_MALFORMED_EVENT',
        `malformed server event dropped: ${message.reason}`,
      );
      emit(sessionErrorEvent(error, true));
      return;
    }
    const { event } = message;
    emit({ type: 'server.event', event });
    if (event.type === 'session.created' && readyOnce) {
      reconnect();
    } else if (event.type === 'session.updated') {
      if (readyOnce && phase === 'open') acceptEffective(event.session);
    } else if (!(event.type === 'error' && event.error.event_id === updateEventId)) {
      conversation.handle(event);
    }
    server$.next(event);
  }

  function reconnect(): void {
    enterReconnecting(reconnects + 1, 'the server sent a new session.created', 0);
    updateEventId = newEventId();
    life.add(
      updateSession({
        server$,
        send,
        session: sessionConfig,
        eventId: updateEventId,
        timeoutMs: readyTimeoutMs,
        scheduler,
      }).subscribe({
        next: (updated) => {
          if (!acceptEffective(updated)) return;
          reconnects += 1;
          phase = 'open';
          emit({ type: 'session.reconnected', sessionId: updated.id, reconnects });
        },
        error: fail,
      }),
    );
  }

  function startInput(): void {
    if (source === undefined || inputSub !== undefined) return;
    const processInput = composeProcessors(plugins, 'processInput');
    inputSub = inputChunks({
      frames$: processInput(source.frames$),
      format: inputFormat,
      frameMs: inputFrameMs,
    }).subscribe({
      next: (chunk) => {
        // Audio captured while the server session is being replaced is lost, as it would be live.
        if (phase !== 'open') return;
        send(encodeAppend(chunk));
        const chunkMs = durationMs(inputFormat, chunk.length);
        sentMs += chunkMs;
        emit({ type: 'input.audio', durationMs: chunkMs });
      },
      error: (error) => fail(asVoxdError(error, 'E_SOURCE_FAILED')),
      complete: onSourceEnded,
    });
    life.add(inputSub);
  }

  function onSourceEnded(): void {
    emit({ type: 'input.ended', sentMs });
    if (turnDetection() === null && sentMs > 0) {
      // Without VAD nothing ends the turn on the server: commit it and ask for the answer.
      send({ type: 'input_audio_buffer.commit' });
      send({ type: 'response.create' });
      emit({ type: 'response.requested', reason: 'input-ended' });
    }
    if (options.endWhenSourceCompletes !== true) return;
    const graceMs = options.endGraceMs ?? DEFAULT_END_GRACE_MS;
    life.add(whenIdle(state, graceMs, scheduler).subscribe(() => void finish('source-ended')));
  }

  function fail(error: VoxdError): void {
    void finish('error', error);
  }

  function finish(reason: SessionCloseReason, error?: VoxdError): Promise<void> {
    // Set first: closing the transport below may complete messages$ and call finish() again.
    if (closing !== undefined) return closing;
    let settle = (): void => undefined;
    closing = new Promise<void>((resolve) => (settle = resolve));
    if (error !== undefined) {
      emit(sessionErrorEvent(error, false));
    }
    inputSub?.unsubscribe();
    playback?.dispose();
    toolCalls.abortAll();
    life.unsubscribe();
    server$.complete();
    transport.close(1000);
    emit({ type: 'session.closed', reason });
    phase = 'closed';
    const finalised = sink === undefined ? Promise.resolve() : sink.close();
    void finalised
      .then(
        () => (error === undefined ? events.complete() : events.error(error)),
        (sinkError: unknown) => events.error(error ?? asVoxdError(sinkError, 'E_SINK_FAILED')),
      )
      .finally(() => {
        taps.unsubscribe();
        settle();
      });
    return closing;
  }

  const session: Session = {
    events$: new Observable<SessionEvent>((subscriber) => {
      const subscription = events.subscribe(subscriber);
      start();
      return subscription;
    }),
    state$: state.pipe(distinctUntilChanged()),
    close: () => finish('closed'),
  };
  return session;
}

function asVoxdError(
  error: unknown,
  code: 'E_TRANSPORT_CLOSED' | 'E_SOURCE_FAILED' | 'E_SINK_FAILED',
): VoxdError {
  if (error instanceof VoxdError) return error as VoxdError;
  const message = error instanceof Error ? error.message : String(error);
  return new CoreError(code, message, { cause: error });
}
