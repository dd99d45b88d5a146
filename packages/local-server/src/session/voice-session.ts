import { buildErrorEvent, protocolErrorDetails } from '@voxd/protocol';
import type { Dialect } from '@voxd/protocol';

import type { Transcriber, VadEngine } from '../engines.js';
import type { SessionTarget } from '../handshake.js';
import type { ResolvedOptions } from '../local-server-options.js';
import type { Responder } from '../responders/responder.js';
import type { Rng } from '../rng.js';
import {
  onItemCreate,
  onItemDelete,
  onItemRetrieve,
  onItemTruncate,
} from './conversation-handlers.js';
import { createConversation } from './conversation.js';
import { dialectEdge } from './dialect-edge.js';
import { createInputBuffer } from './input-buffer.js';
import type { VadSettings } from './input-buffer.js';
import { readFastAppend } from './fast-append.js';
import { onAppend, onAppendBytes, onClear, onCommit } from './input-handlers.js';
import { createResponse, onResponseCancel, onResponseCreate } from './response-handlers.js';
import { applySessionUpdate, defaultSession } from './session-config.js';
import type { SessionState } from './session-config.js';
import type { WireError } from './session-context.js';
import type { SessionRuntime } from './session-runtime.js';
import { inputAudioFormat } from './wire-audio.js';
import { sharedWorkQueue } from './work-queue.js';
import type { WorkQueue } from './work-queue.js';

/** The socket side a session needs: text out, and a hard drop for fault injection. */
export interface SessionSocket {
  sendText(text: string): void;
  /** Ends the connection without a close frame (`faults.dropAfterEvents`). */
  drop(): void;
}

export interface VoiceSessionOptions {
  readonly socket: SessionSocket;
  readonly target: SessionTarget;
  readonly apiVersion: string;
  /** The client's wire shape; the session logic speaks the dated one. @default 'dated' */
  readonly dialect?: Dialect;
  readonly options: ResolvedOptions;
  readonly rng: Rng;
  readonly responder: Responder;
  readonly speak: SessionRuntime['speak'];
  readonly transcriber: Transcriber | undefined;
  readonly nextResponseOrdinal: () => number;
  /** Where client frames wait their turn; default: the queue all sessions of the process share. */
  readonly queue?: WorkQueue;
}

/** What a session has received, sent and still has to do (for lockstep drivers such as replay). */
export interface VoiceSessionState {
  readonly id: string;
  /** Client frames received on this session's socket. */
  readonly framesReceived: number;
  /** Server events sent on it. */
  readonly eventsSent: number;
  /**
   * Nothing left to do until the client sends again: every received frame handled, no response
   * or transcription running, `session.created` sent.
   */
  readonly idle: boolean;
}

/** One Voice Live session over one socket. */
export interface VoiceSession {
  readonly id: string;
  state(): VoiceSessionState;
  /** Sends `session.created`. */
  start(): void;
  /** Takes one client frame: handled in arrival order, from the shared work queue; never throws. */
  handleFrame(data: string | Uint8Array): void;
  /** The socket is gone: stop responses and timers. */
  dispose(): void;
}

type ClientEvent = Record<string, unknown> & { readonly type: string; readonly event_id?: string };

function vadSettings(session: SessionState, engine: VadEngine): VadSettings | undefined {
  const td = session['turn_detection'];
  if (typeof td !== 'object' || td === null) return undefined;
  const t = td as Record<string, unknown>;
  const num = (key: string, fallback: number): number =>
    typeof t[key] === 'number' ? t[key] : fallback;
  const speechDurationMs = t['speech_duration_ms'];
  return {
    engine,
    type: typeof t['type'] === 'string' ? t['type'] : 'server_vad',
    threshold: num('threshold', 0.5),
    prefixPaddingMs: num('prefix_padding_ms', 300),
    silenceDurationMs: num('silence_duration_ms', 500),
    ...(typeof speechDurationMs === 'number' ? { speechDurationMs } : {}),
  };
}

export function createVoiceSession(init: VoiceSessionOptions): VoiceSession {
  const { options, rng, socket } = init;
  const queue = init.queue ?? sharedWorkQueue();
  const session = defaultSession(init.target, init.apiVersion, rng);
  let closed = false;
  /** Frames received before session.created was sent (faults.delayMs). */
  let pending: (string | Uint8Array)[] | undefined = [];
  let sentEvents = 0;
  const edge = dialectEdge(init.dialect ?? 'dated', options.logger, session.id);
  let framesReceived = 0;
  let framesHandled = 0;
  const format = inputAudioFormat(
    session['input_audio_format'],
    session['input_audio_sampling_rate'],
  );

  const rt: SessionRuntime = {
    options,
    rng,
    conversation: createConversation(`conv_${rng.hex(20)}`),
    responder: init.responder,
    session,
    audioProduced: false,
    get closed() {
      return closed;
    },
    send(event) {
      if (closed) return;
      const stamped = { ...event, event_id: `event_${rng.hex(20)}` };
      if (edge.dialect === 'dated') socket.sendText(JSON.stringify(stamped));
      else for (const out of edge.outbound(stamped)) socket.sendText(JSON.stringify(out));
      sentEvents++;
      const dropAfter = options.faults.dropAfterEvents;
      if (dropAfter !== undefined && dropAfter > 0 && sentEvents >= dropAfter) {
        closed = true;
        options.logger.warn('fault injected: connection dropped', {
          sessionId: session.id,
          sentEvents,
        });
        socket.drop();
      }
    },
    sendError(error: WireError) {
      rt.send({ ...buildErrorEvent(error) });
    },
    newId: (prefix) => `${prefix}_${rng.hex(20)}`,
    speak: init.speak,
    input: createInputBuffer(format.sampleRate, vadSettings(session, options.vad)),
    transcriber: init.transcriber,
    transcripts: new Map(),
    active: undefined,
    queuedAutoResponse: false,
    pendingUserItemId: undefined,
    pendingTranscriptions: 0,
    inputFormat: () =>
      inputAudioFormat(rt.session['input_audio_format'], rt.session['input_audio_sampling_rate']),
    nextResponseOrdinal: init.nextResponseOrdinal,
    createResponse: (overrides, trigger) => createResponse(rt, overrides, trigger),
  };

  function onSessionUpdate(event: ClientEvent): void {
    const eventId = typeof event.event_id === 'string' ? { eventId: event.event_id } : {};
    const update = event['session'];
    if (typeof update !== 'object' || update === null || Array.isArray(update)) {
      rt.sendError({
        code: 'missing_required_parameter',
        message: 'session.update needs a session object',
        param: 'session',
        ...eventId,
      });
      return;
    }
    const result = applySessionUpdate(rt.session, update as Record<string, unknown>, {
      audioProduced: rt.audioProduced,
      apiVersion: init.apiVersion,
      agentMode: init.target.kind === 'agent',
    });
    if (!result.ok) {
      rt.sendError({ code: result.code, message: result.message, param: result.param, ...eventId });
      return;
    }
    const input = inputAudioFormat(
      result.session['input_audio_format'],
      result.session['input_audio_sampling_rate'],
    );
    try {
      rt.input.configure(input.sampleRate, vadSettings(result.session, options.vad));
    } catch (cause) {
      // The detector refuses settings the schema let through: keep the previous config.
      rt.sendError({
        code: 'invalid_value',
        message: `turn_detection: ${cause instanceof Error ? cause.message : String(cause)}`,
        param: 'session.turn_detection',
        ...eventId,
      });
      return;
    }
    rt.session = result.session;
    rt.send({ type: 'session.updated', session: rt.session });
  }

  function dispatch(event: ClientEvent): void {
    switch (event.type) {
      case 'session.update':
        return onSessionUpdate(event);
      case 'input_audio_buffer.append':
      case 'input_audio.turn.append':
        return onAppend(rt, event);
      case 'input_audio_buffer.commit':
      case 'input_audio.turn.end':
        return onCommit(rt, event);
      case 'input_audio_buffer.clear':
        return onClear(rt, true);
      case 'input_audio.turn.cancel':
      case 'input_audio.clear':
        return onClear(rt, false);
      case 'output_audio_buffer.clear':
        return rt.send({ type: 'output_audio_buffer.cleared' });
      case 'conversation.item.create':
        return onItemCreate(rt, event);
      case 'conversation.item.retrieve':
        return onItemRetrieve(rt, event);
      case 'conversation.item.truncate':
        return onItemTruncate(rt, event);
      case 'conversation.item.delete':
        return onItemDelete(rt, event);
      case 'response.create':
        return onResponseCreate(rt, event);
      case 'response.cancel':
        return onResponseCancel(rt, event);
      case 'session.avatar.connect':
        return rt.sendError({
          code: 'unsupported_feature',
          message: 'the local server has no avatar: session.avatar.connect is not supported',
          param: 'type',
          ...(typeof event.event_id === 'string' ? { eventId: event.event_id } : {}),
        });
      default:
        // input_audio.turn.start, input_text.*: no reply is defined; nothing to do.
        options.logger.debug('client event without reply', { type: event.type });
    }
  }

  return {
    id: session.id,
    start() {
      rt.send({ type: 'session.created', session: rt.session });
      // session.created is always the first event: frames that came earlier are handled now.
      const early = pending ?? [];
      pending = undefined;
      for (const frame of early) handle(frame);
    },
    state() {
      const responding = rt.active !== undefined && !rt.active.isDone;
      return {
        id: session.id,
        framesReceived,
        eventsSent: sentEvents,
        idle:
          closed ||
          (pending === undefined &&
            framesHandled === framesReceived &&
            !responding &&
            !rt.queuedAutoResponse &&
            rt.pendingTranscriptions === 0),
      };
    },
    handleFrame(data) {
      framesReceived++;
      if (pending !== undefined) pending.push(data);
      else queue.push(() => handle(data));
    },
    dispose() {
      closed = true;
      rt.active?.cancel('client_cancelled');
    },
  };

  function handle(data: string | Uint8Array): void {
    framesHandled++;
    if (closed) return;
    try {
      const append = readFastAppend(data, options.maxFrameBytes);
      if (append !== undefined) {
        onAppendBytes(rt, append.event, append.bytes);
        return;
      }
      const parsed = edge.parse(data, options.maxFrameBytes);
      if (parsed.kind === 'unknown') {
        const { raw } = parsed;
        rt.sendError({
          code: 'invalid_event_type',
          message: `Unknown event type '${parsed.type}'`,
          param: 'type',
          ...(typeof raw['event_id'] === 'string' ? { eventId: raw['event_id'] } : {}),
        });
        return;
      }
      if (parsed.kind === 'malformed') {
        const { error } = parsed;
        rt.sendError(protocolErrorDetails(error));
        return;
      }
      dispatch(parsed.event as ClientEvent);
    } catch (cause) {
      options.logger.error('client event handling failed', {
        sessionId: session.id,
        error: String(cause),
      });
      rt.sendError({
        type: 'server_error',
        code: 'server_error',
        message: 'the local server failed while handling this event',
      });
    }
  }
}
