import type { SessionEvent } from '@voxd/core';
import { responseDoneEventOf, transcriptEventOf } from '@voxd/core';
import type { ClientEvent, ServerEvent, SessionConfig, SessionObject } from '@voxd/protocol';

import { GatewayError } from './gateway-error.js';

/** One relayed message the deriver looks at. */
export type RelayedMessage =
  | { readonly source: 'server'; readonly event: ServerEvent }
  | {
      readonly source: 'unknown';
      readonly type: string;
      readonly raw: Readonly<Record<string, unknown>>;
    }
  | { readonly source: 'client'; readonly event: ClientEvent };

interface ResponseTrack {
  readonly startedAtMs: number;
  readonly audioStarted: boolean;
}

/** What the deriver remembers between messages. Treat as opaque; start from `INITIAL_DERIVER_STATE`. */
export interface DeriverState {
  readonly ready: boolean;
  /** The effective session, from the latest `session.updated`. */
  readonly session: SessionObject | undefined;
  /**
   * The audio formats that meter audio: from the latest `session.update` the gateway sent (the
   * audio a client appends after its update is in the formats it names, before the upstream's
   * `session.updated` comes back), then from each `session.updated`.
   */
  readonly formats: AudioFormats;
  /** When the last `speech_stopped` arrived, until a response's first audio consumes it. */
  readonly speechStoppedAtMs: number | undefined;
  /** Responses created and not yet done, by id. */
  readonly responses: Readonly<Record<string, ResponseTrack>>;
}

export const INITIAL_DERIVER_STATE: DeriverState = {
  ready: false,
  session: undefined,
  formats: {},
  speechStoppedAtMs: undefined,
  responses: {},
};

/** The result of one step: the next state and the events it produced (often none). */
export interface Derived {
  readonly state: DeriverState;
  readonly events: readonly SessionEvent[];
}

/** The session fields that say how audio is encoded on the wire. */
export type AudioFormats = Pick<
  SessionConfig,
  'input_audio_format' | 'input_audio_sampling_rate' | 'output_audio_format'
>;

/** `formats` with the format fields `session` sets. */
function withFormatsOf(formats: AudioFormats, session: SessionConfig): AudioFormats {
  const next: AudioFormats = { ...formats };
  for (const field of [
    'input_audio_format',
    'input_audio_sampling_rate',
    'output_audio_format',
  ] as const) {
    const value = session[field];
    if (value !== undefined && value !== null) Object.assign(next, { [field]: value });
  }
  return next;
}

/** Decoded byte count of base64 text, without decoding it. */
export function base64ByteLength(text: string): number {
  let padding = 0;
  if (text.endsWith('==')) padding = 2;
  else if (text.endsWith('=')) padding = 1;
  return Math.max(0, Math.floor((text.length * 3) / 4) - padding);
}

/** Bytes per millisecond of the user audio (pcm16 at the session's rate, or G.711 at 8 kHz). */
export function inputBytesPerMs(session: AudioFormats | undefined): number {
  const format = session?.input_audio_format ?? 'pcm16';
  if (format !== 'pcm16') return 8;
  return ((session?.input_audio_sampling_rate ?? 24000) * 2) / 1000;
}

/** Bytes per millisecond of the assistant audio (`pcm16` is 24 kHz; `pcm16_<rate>hz`; G.711). */
export function outputBytesPerMs(session: AudioFormats | undefined): number {
  const name = session?.output_audio_format ?? 'pcm16';
  if (name === 'g711_ulaw' || name === 'g711_alaw') return 8;
  const rate = Number(/^pcm16_(\d+)hz$/.exec(name)?.[1] ?? 24000);
  return (rate * 2) / 1000;
}

function responseExpected(session: SessionObject | undefined): boolean {
  const detection = session?.turn_detection;
  if (detection === null) return false;
  return detection?.create_response !== false;
}

/**
 * Turns the traffic a gateway relays into core `SessionEvent`s, so the daemon's metrics observer
 * meters a gateway session like a session voxd drives itself. Pure: no clock (`nowMs` is passed in),
 * no I/O; the state is replaced, never mutated.
 *
 * Latencies are measured where the gateway sees the events, between upstream and client, so they
 * exclude the client's network. `turn.interrupted` reports `cancelSent: false` and no truncations:
 * the upstream's own barge-in (`interrupt_response`) and the client do those, not voxd.
 */
export function deriveSessionEvents(
  state: DeriverState,
  message: RelayedMessage,
  nowMs: number,
): Derived {
  if (message.source === 'unknown') {
    return {
      state,
      events: [{ atMs: nowMs, type: 'server.unknown', eventType: message.type, raw: message.raw }],
    };
  }
  if (message.source === 'client') {
    const { event } = message;
    if (event.type === 'session.update') {
      return {
        state: { ...state, formats: withFormatsOf(state.formats, event.session) },
        events: [],
      };
    }
    if (event.type !== 'input_audio_buffer.append') return { state, events: [] };
    const durationMs = base64ByteLength(event.audio) / inputBytesPerMs(state.formats);
    return { state, events: [{ atMs: nowMs, type: 'input.audio', durationMs }] };
  }
  const { event } = message;
  const events: SessionEvent[] = [{ atMs: nowMs, type: 'server.event', event }];
  const at = { atMs: nowMs };
  let next = state;
  switch (event.type) {
    case 'session.updated': {
      next = {
        ...state,
        ready: true,
        session: event.session,
        formats: withFormatsOf(state.formats, event.session),
      };
      if (!state.ready) {
        events.push({
          ...at,
          type: 'session.ready',
          sessionId: event.session.id,
          session: event.session,
        });
      }
      break;
    }
    case 'error': {
      const code = event.error.code ?? event.error.type;
      events.push({
        ...at,
        type: 'session.error',
        recoverable: true,
        code,
        message: event.error.message,
        error: new GatewayError(
          'E_GATEWAY_SERVER_ERROR',
          `upstream error ${code}: ${event.error.message}`,
        ),
      });
      break;
    }
    case 'input_audio_buffer.speech_started': {
      const running = Object.keys(state.responses);
      if (running.length > 0) {
        events.push({
          ...at,
          type: 'turn.interrupted',
          responseIds: running,
          cancelSent: false,
          truncations: [],
        });
      }
      events.push({
        ...at,
        type: 'turn.started',
        itemId: event.item_id,
        audioStartMs: event.audio_start_ms,
      });
      break;
    }
    case 'input_audio_buffer.speech_stopped':
      next = { ...state, speechStoppedAtMs: nowMs };
      events.push({
        ...at,
        type: 'turn.ended',
        itemId: event.item_id,
        audioEndMs: event.audio_end_ms,
      });
      break;
    case 'input_audio_buffer.committed':
      events.push({
        ...at,
        type: 'turn.committed',
        itemId: event.item_id,
        previousItemId: event.previous_item_id ?? undefined,
        responseExpected: responseExpected(state.session),
      });
      break;
    case 'conversation.item.input_audio_transcription.delta':
    case 'conversation.item.input_audio_transcription.completed':
    case 'response.audio_transcript.delta':
    case 'response.text.delta':
    case 'response.audio_transcript.done':
    case 'response.text.done':
      events.push({ ...at, ...transcriptEventOf(event) });
      break;
    case 'response.created': {
      const responses = {
        ...state.responses,
        [event.response.id]: { startedAtMs: nowMs, audioStarted: false },
      };
      next = { ...state, responses };
      events.push({ ...at, type: 'response.started', responseId: event.response.id });
      break;
    }
    case 'response.audio.delta': {
      const track = state.responses[event.response_id];
      if (track !== undefined && !track.audioStarted) {
        events.push({
          ...at,
          type: 'response.audio.first',
          responseId: event.response_id,
          itemId: event.item_id,
          sinceSpeechStoppedMs:
            state.speechStoppedAtMs === undefined ? undefined : nowMs - state.speechStoppedAtMs,
          sinceResponseStartedMs: nowMs - track.startedAtMs,
        });
        next = {
          ...state,
          speechStoppedAtMs: undefined,
          responses: { ...state.responses, [event.response_id]: { ...track, audioStarted: true } },
        };
      }
      events.push({
        ...at,
        type: 'response.audio',
        responseId: event.response_id,
        itemId: event.item_id,
        durationMs: base64ByteLength(event.delta) / outputBytesPerMs(state.formats),
      });
      break;
    }
    case 'response.done': {
      const { response } = event;
      const track = state.responses[response.id];
      const responses = { ...state.responses };
      delete responses[response.id];
      next = { ...state, responses };
      const durationMs = track === undefined ? 0 : nowMs - track.startedAtMs;
      events.push({ ...at, ...responseDoneEventOf(response, durationMs) });
      break;
    }
    default:
      break;
  }
  return { state: next, events };
}
