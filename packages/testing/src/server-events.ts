import { encodeBase64 } from '@voxd/audio';
import type {
  ConversationItem,
  ResponseObject,
  ResponseStatus,
  ServerEventOf,
  SessionObject,
  StatusDetails,
} from '@voxd/protocol';

import { REFERENCE_SESSION_DEFAULTS } from './reference-session.js';

let eventCount = 0;
const eventId = (): string => `event_test_${++eventCount}`;

/** The session a local server reports in `session.created` (reference §4.1). */
const DEFAULT_SESSION: SessionObject = {
  ...REFERENCE_SESSION_DEFAULTS,
  id: 'sess_test',
  model: 'gpt-realtime',
};

const ZERO_USAGE = {
  total_tokens: 0,
  input_tokens: 0,
  output_tokens: 0,
  input_token_details: { cached_tokens: 0, text_tokens: 0, audio_tokens: 0 },
  output_token_details: { text_tokens: 0, audio_tokens: 0 },
};

function response(
  id: string,
  status: ResponseStatus,
  output: ConversationItem[] = [],
): ResponseObject {
  return { id, object: 'realtime.response', status, output, usage: ZERO_USAGE };
}

function location(responseId: string, itemId: string) {
  return { response_id: responseId, item_id: itemId, output_index: 0, content_index: 0 };
}

/**
 * Builders of well-formed server events for tests, with fresh `event_id`s and the reference's
 * defaults, so a test states only what it is about.
 *
 * @example
 * transport.emit(serverEvents.audioDelta('resp_1', 'item_A1', pcm));
 */
export const serverEvents = {
  sessionCreated(session: Partial<SessionObject> = {}): ServerEventOf<'session.created'> {
    return {
      type: 'session.created',
      event_id: eventId(),
      session: { ...DEFAULT_SESSION, ...session },
    };
  },
  sessionUpdated(session: Partial<SessionObject> = {}): ServerEventOf<'session.updated'> {
    return {
      type: 'session.updated',
      event_id: eventId(),
      session: { ...DEFAULT_SESSION, ...session },
    };
  },
  error(details: { message: string; code?: string; eventId?: string }): ServerEventOf<'error'> {
    return {
      type: 'error',
      event_id: eventId(),
      error: {
        type: 'invalid_request_error',
        message: details.message,
        ...(details.code === undefined ? {} : { code: details.code }),
        ...(details.eventId === undefined ? {} : { event_id: details.eventId }),
      },
    };
  },
  speechStarted(
    itemId: string,
    audioStartMs = 0,
  ): ServerEventOf<'input_audio_buffer.speech_started'> {
    return {
      type: 'input_audio_buffer.speech_started',
      event_id: eventId(),
      item_id: itemId,
      audio_start_ms: audioStartMs,
    };
  },
  speechStopped(
    itemId: string,
    audioEndMs = 0,
  ): ServerEventOf<'input_audio_buffer.speech_stopped'> {
    return {
      type: 'input_audio_buffer.speech_stopped',
      event_id: eventId(),
      item_id: itemId,
      audio_end_ms: audioEndMs,
    };
  },
  committed(
    itemId: string,
    previousItemId: string | null = null,
  ): ServerEventOf<'input_audio_buffer.committed'> {
    return {
      type: 'input_audio_buffer.committed',
      event_id: eventId(),
      item_id: itemId,
      previous_item_id: previousItemId,
    };
  },
  transcriptionCompleted(
    itemId: string,
    transcript: string,
  ): ServerEventOf<'conversation.item.input_audio_transcription.completed'> {
    return {
      type: 'conversation.item.input_audio_transcription.completed',
      event_id: eventId(),
      item_id: itemId,
      content_index: 0,
      transcript,
    };
  },
  responseCreated(responseId: string): ServerEventOf<'response.created'> {
    return {
      type: 'response.created',
      event_id: eventId(),
      response: response(responseId, 'in_progress'),
    };
  },
  /** `data` is raw audio in the session's output format; it is base64-encoded here. */
  audioDelta(
    responseId: string,
    itemId: string,
    data: Uint8Array,
  ): ServerEventOf<'response.audio.delta'> {
    return {
      type: 'response.audio.delta',
      event_id: eventId(),
      ...location(responseId, itemId),
      delta: encodeBase64(data),
    };
  },
  audioDone(responseId: string, itemId: string): ServerEventOf<'response.audio.done'> {
    return { type: 'response.audio.done', event_id: eventId(), ...location(responseId, itemId) };
  },
  transcriptDelta(
    responseId: string,
    itemId: string,
    delta: string,
  ): ServerEventOf<'response.audio_transcript.delta'> {
    return {
      type: 'response.audio_transcript.delta',
      event_id: eventId(),
      ...location(responseId, itemId),
      delta,
    };
  },
  transcriptDone(
    responseId: string,
    itemId: string,
    transcript: string,
  ): ServerEventOf<'response.audio_transcript.done'> {
    return {
      type: 'response.audio_transcript.done',
      event_id: eventId(),
      ...location(responseId, itemId),
      transcript,
    };
  },
  functionCallDone(
    responseId: string,
    call: { itemId: string; callId: string; name: string; arguments: string },
  ): ServerEventOf<'response.function_call_arguments.done'> {
    return {
      type: 'response.function_call_arguments.done',
      event_id: eventId(),
      response_id: responseId,
      item_id: call.itemId,
      output_index: 0,
      call_id: call.callId,
      name: call.name,
      arguments: call.arguments,
    };
  },
  responseDone(
    responseId: string,
    status: ResponseStatus = 'completed',
    statusDetails?: StatusDetails,
  ): ServerEventOf<'response.done'> {
    return {
      type: 'response.done',
      event_id: eventId(),
      response: {
        ...response(responseId, status),
        ...(statusDetails === undefined ? {} : { status_details: statusDetails }),
      },
    };
  },
};
