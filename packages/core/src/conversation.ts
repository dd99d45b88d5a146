import type { AudioFormat } from '@voxd/audio';
import { bytesPerSecond, decodeBase64 } from '@voxd/audio';
import type { ClientEvent, ServerEvent, ServerEventOf } from '@voxd/protocol';
import type { SchedulerLike } from 'rxjs';

import { CoreError } from './core-error.js';
import type { Playback, PlaybackItem } from './playback.js';
import { responseDoneEventOf } from './response-done-event-of.js';
import { sessionErrorEvent } from './session-error-event.js';
import type { SessionEventInit } from './session-event.js';
import type { ToolCalls } from './tool-calls.js';
import { transcriptEventOf } from './transcript-event-of.js';

export interface ConversationOptions {
  /** Sends a client event, with a fresh `event_id` unless it has one. */
  readonly send: (event: ClientEvent) => void;
  /** A fresh client `event_id`. */
  readonly newEventId: () => string;
  readonly emit: (event: SessionEventInit) => void;
  readonly scheduler: SchedulerLike;
  /** Absent without a sink: audio is then counted but not played. */
  readonly playback: Playback | undefined;
  readonly outputFormat: AudioFormat;
  readonly toolCalls: ToolCalls;
  /** The effective `turn_detection.auto_truncate`: the server truncates by itself. */
  readonly autoTruncate: () => boolean;
  /** The effective `turn_detection.create_response`: VAD commits start a response. */
  readonly createResponse: () => boolean;
}

/** Follows one server session's conversation: turns, responses, audio, barge-in and tools. */
export interface Conversation {
  handle(event: ServerEvent): void;
  /** Whether a response is running or audio is playing or queued. */
  readonly busy: boolean;
  /** Forgets every response (the server session was lost); queued audio still plays. */
  reset(): void;
}

interface ResponseRecord {
  readonly id: string;
  readonly createdAtMs: number;
  /** When the user's speech before this response stopped, for the turn latency. */
  readonly speechStoppedAtMs: number | undefined;
  done: boolean;
  /** Dropped by a barge-in: nothing more of it is played or reported. */
  cut: boolean;
  firstAudio: boolean;
  readonly items: Map<string, PlaybackItem | undefined>;
}

/**
 * The conversation logic of a session. Barge-in follows reference §6.3 and the architecture's
 * interruption rule: on `speech_started` while a response runs or its audio plays, the playback is
 * unsubscribed first (the sink drops its buffer), then `response.cancel` goes out for a response
 * not yet done, then `conversation.item.truncate` at the sink's `playedMs` (never more than was
 * received), and every later delta of the cut responses is dropped.
 */
export function createConversation(options: ConversationOptions): Conversation {
  const { emit, scheduler, playback } = options;
  const responses = new Map<string, ResponseRecord>();
  /** `event_id`s of our `response.cancel`s: a "nothing to cancel" error for them is expected. */
  const cancelIds = new Set<string>();
  let speechStoppedAtMs: number | undefined;
  /** Responses of this server session (their audio may still play after `response.done`). */
  const sessionResponseIds = new Set<string>();
  /** Responses of a server session that was lost: their items no longer exist to truncate. */
  const staleResponseIds = new Set<string>();

  function responseOf(id: string): ResponseRecord | undefined {
    const record = responses.get(id);
    return record === undefined || record.cut ? undefined : record;
  }

  function bargeIn(): void {
    const now = scheduler.now();
    const running = [...responses.values()].filter((r) => !r.done && !r.cut);
    if (running.length === 0 && playback?.busy !== true) return;
    const cutItems = playback?.interrupt(now) ?? [];
    const cutIds = new Set([...running.map((r) => r.id), ...cutItems.map((i) => i.responseId)]);
    for (const id of cutIds) {
      const record = responses.get(id);
      if (record !== undefined) record.cut = true;
    }
    for (const record of running) {
      // Registered before sending: the reply may arrive inside send().
      const eventId = options.newEventId();
      cancelIds.add(eventId);
      options.send({ type: 'response.cancel', event_id: eventId, response_id: record.id });
    }
    const truncations: { itemId: string; audioEndMs: number }[] = [];
    if (!options.autoTruncate()) {
      for (const item of cutItems) {
        if (staleResponseIds.has(item.responseId)) continue;
        const audioEndMs = Math.max(
          0,
          Math.min(Math.floor(item.playedMs), Math.floor(item.receivedMs)),
        );
        options.send({
          type: 'conversation.item.truncate',
          item_id: item.itemId,
          content_index: 0,
          audio_end_ms: audioEndMs,
        });
        truncations.push({ itemId: item.itemId, audioEndMs });
      }
    }
    emit({
      type: 'turn.interrupted',
      responseIds: [...cutIds],
      cancelSent: running.length > 0,
      truncations,
    });
  }

  function audioDelta(event: ServerEventOf<'response.audio.delta'>): void {
    const record = responseOf(event.response_id);
    if (record === undefined) return;
    let data: Uint8Array;
    try {
      data = decodeBase64(event.delta);
    } catch (error) {
      const wrapped = new CoreError(
        'E_AUDIO_DELTA_INVALID',
        `response.audio.delta ${event.event_id} dropped: ${(error as Error).message}`,
        { cause: error },
      );
      emit(sessionErrorEvent(wrapped, true));
      return;
    }
    if (!record.firstAudio) {
      record.firstAudio = true;
      const now = scheduler.now();
      emit({
        type: 'response.audio.first',
        responseId: record.id,
        itemId: event.item_id,
        sinceSpeechStoppedMs:
          record.speechStoppedAtMs === undefined ? undefined : now - record.speechStoppedAtMs,
        sinceResponseStartedMs: now - record.createdAtMs,
      });
    }
    let item = record.items.get(event.item_id);
    if (!record.items.has(event.item_id)) {
      item = playback?.open(record.id, event.item_id);
      record.items.set(event.item_id, item);
    }
    item?.push(data);
    emit({
      type: 'response.audio',
      responseId: record.id,
      itemId: event.item_id,
      durationMs: (data.length * 1000) / bytesPerSecond(options.outputFormat),
    });
  }

  function endItems(record: ResponseRecord, itemId?: string): void {
    for (const [id, item] of record.items) if (itemId === undefined || id === itemId) item?.end();
  }

  function handle(event: ServerEvent): void {
    switch (event.type) {
      case 'error': {
        const { error } = event;
        if (error.event_id != null && cancelIds.has(error.event_id)) return; // the server cancelled first
        const wrapped = new CoreError('E_SERVER_ERROR', error.message);
        emit(sessionErrorEvent(wrapped, true, error.code ?? error.type));
        return;
      }
      case 'input_audio_buffer.speech_started':
        emit({ type: 'turn.started', itemId: event.item_id, audioStartMs: event.audio_start_ms });
        bargeIn();
        return;
      case 'input_audio_buffer.speech_stopped':
        speechStoppedAtMs = scheduler.now();
        emit({ type: 'turn.ended', itemId: event.item_id, audioEndMs: event.audio_end_ms });
        return;
      case 'input_audio_buffer.committed':
        emit({
          type: 'turn.committed',
          itemId: event.item_id,
          previousItemId: event.previous_item_id ?? undefined,
          responseExpected: options.createResponse(),
        });
        return;
      case 'conversation.item.input_audio_transcription.delta':
      case 'conversation.item.input_audio_transcription.completed':
        emit(transcriptEventOf(event));
        return;
      case 'conversation.item.input_audio_transcription.failed': {
        const wrapped = new CoreError(
          'E_TRANSCRIPTION_FAILED',
          `transcription of ${event.item_id} failed: ${event.error.message}`,
        );
        emit(sessionErrorEvent(wrapped, true));
        return;
      }

      case 'response.created': {
        const id = event.response.id;
        responses.set(id, {
          id,
          createdAtMs: scheduler.now(),
          speechStoppedAtMs,
          done: false,
          cut: false,
          firstAudio: false,
          items: new Map(),
        });
        sessionResponseIds.add(id);
        speechStoppedAtMs = undefined;
        emit({ type: 'response.started', responseId: id });
        return;
      }
      case 'response.audio.delta':
        audioDelta(event);
        return;
      case 'response.audio.done': {
        const record = responses.get(event.response_id);
        if (record !== undefined) endItems(record, event.item_id);
        return;
      }
      case 'response.audio_transcript.delta':
      case 'response.text.delta':
      case 'response.audio_transcript.done':
      case 'response.text.done':
        // A cut response's transcript goes on arriving until the server acts on the cancel.
        if (responseOf(event.response_id) !== undefined) emit(transcriptEventOf(event));
        return;
      case 'response.function_call_arguments.done':
      case 'response.output_item.done':
        options.toolCalls.handle(event);
        return;
      case 'response.done': {
        const { response } = event;
        const record = responses.get(response.id);
        if (record !== undefined) {
          record.done = true;
          endItems(record);
          responses.delete(response.id);
        }
        const durationMs = record === undefined ? 0 : scheduler.now() - record.createdAtMs;
        emit(responseDoneEventOf(response, durationMs));
        options.toolCalls.handle(event);
        return;
      }
      default:
        return;
    }
  }

  return {
    handle,
    get busy() {
      return playback?.busy === true || [...responses.values()].some((r) => !r.done && !r.cut);
    },
    reset() {
      for (const record of responses.values()) endItems(record);
      for (const id of sessionResponseIds) staleResponseIds.add(id);
      sessionResponseIds.clear();
      responses.clear();
      cancelIds.clear();
      speechStoppedAtMs = undefined;
    },
  };
}
