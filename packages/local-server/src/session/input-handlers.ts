import { decodeBase64 } from '@voxd/audio';

import { splitText } from './audio-chunks.js';
import { truncateItem } from './conversation-handlers.js';
import type { WireItem } from './conversation.js';
import type { TimelineEvent } from './input-buffer.js';
import type { SessionRuntime } from './session-runtime.js';
import { turnDetection } from './session-runtime.js';
import { bytesPerSample, decodeAudio, encodeAudio } from './wire-audio.js';

type ClientEvent = Record<string, unknown> & { readonly type: string; readonly event_id?: string };

const MAX_APPEND_BYTES = 15 * 1024 * 1024;

function eventIdOf(event: ClientEvent): { eventId?: string } {
  return typeof event.event_id === 'string' ? { eventId: event.event_id } : {};
}

/** Decodes and appends the `audio` of an append event; runs the VAD over it. */
export function onAppend(rt: SessionRuntime, event: ClientEvent): void {
  const audio = event['audio'];
  if (typeof audio !== 'string') {
    rt.sendError({
      code: 'missing_required_parameter',
      message: `${event.type} needs audio (base64)`,
      param: 'audio',
      ...eventIdOf(event),
    });
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(audio);
  } catch (cause) {
    rt.sendError({
      code: 'invalid_value',
      message: `audio: ${(cause as Error).message}`,
      param: 'audio',
      ...eventIdOf(event),
    });
    return;
  }
  onAppendBytes(rt, event, bytes);
}

/** Appends the decoded `audio` bytes of an append event; runs the VAD over them. */
export function onAppendBytes(rt: SessionRuntime, event: ClientEvent, bytes: Uint8Array): void {
  const format = rt.inputFormat();
  if (bytes.length > MAX_APPEND_BYTES) {
    rt.sendError({
      code: 'invalid_value',
      message: 'one append may carry at most 15 MiB of audio',
      param: 'audio',
      ...eventIdOf(event),
    });
    return;
  }
  if (bytes.length % bytesPerSample(format) !== 0) {
    rt.sendError({
      code: 'invalid_value',
      message: `audio must hold whole ${format.encoding} samples (${bytesPerSample(format)} bytes each); got ${bytes.length} bytes`,
      param: 'audio',
      ...eventIdOf(event),
    });
    return;
  }
  for (const vadEvent of rt.input.append(decodeAudio(bytes, format))) onVadEvent(rt, vadEvent);
}

function onVadEvent(rt: SessionRuntime, event: TimelineEvent): void {
  if (event.type === 'speech_started') {
    const itemId = rt.newId('item');
    rt.pendingUserItemId = itemId;
    rt.send({
      type: 'input_audio_buffer.speech_started',
      audio_start_ms: event.audioStartMs,
      item_id: itemId,
    });
    bargeIn(rt);
    return;
  }
  const itemId = rt.pendingUserItemId ?? rt.newId('item');
  rt.pendingUserItemId = undefined;
  rt.send({
    type: 'input_audio_buffer.speech_stopped',
    audio_end_ms: event.audioEndMs,
    item_id: itemId,
  });
  const samples = rt.input.takeRange(event.audioStartMs, event.audioEndMs);
  commitUserTurn(rt, samples, {
    itemId,
    createResponse: turnDetection(rt)?.['create_response'] !== false,
  });
}

/** Speech while a response runs cancels it (§6.3), and with auto_truncate cuts its audio to what was heard. */
function bargeIn(rt: SessionRuntime): void {
  const td = turnDetection(rt);
  if (td?.['interrupt_response'] === false) return;
  rt.queuedAutoResponse = false;
  const active = rt.active;
  if (active === undefined || active.isDone) return;
  const playback = active.playback();
  active.cancel('turn_detected');
  if (
    td?.['auto_truncate'] === true &&
    playback !== undefined &&
    rt.conversation.get(playback.itemId) !== undefined
  ) {
    truncateItem(rt, { itemId: playback.itemId, contentIndex: 0, audioEndMs: playback.playedMs });
  }
}

export function onCommit(rt: SessionRuntime, event: ClientEvent): void {
  if (rt.input.bufferedSamples === 0) {
    rt.sendError({
      code: 'input_audio_buffer_commit_empty',
      message: 'the input audio buffer is empty: append audio before committing',
      ...eventIdOf(event),
    });
    return;
  }
  const itemId = rt.pendingUserItemId ?? rt.newId('item');
  rt.pendingUserItemId = undefined;
  commitUserTurn(rt, rt.input.takeAll(), { itemId, createResponse: false });
}

export function onClear(rt: SessionRuntime, reply: boolean): void {
  rt.input.clear();
  if (reply) rt.send({ type: 'input_audio_buffer.cleared' });
}

function transcriptionFailed(rt: SessionRuntime, itemId: string, message: string): void {
  rt.send({
    type: 'conversation.item.input_audio_transcription.failed',
    item_id: itemId,
    content_index: 0,
    error: { type: 'transcription_error', code: 'transcription_failed', message },
  });
}

function transcriptionCompleted(rt: SessionRuntime, itemId: string, transcript: string): void {
  for (const delta of splitText(transcript, Math.min(4, transcript.split(/\s+/).length))) {
    if (delta !== '')
      rt.send({
        type: 'conversation.item.input_audio_transcription.delta',
        item_id: itemId,
        content_index: 0,
        delta,
      });
  }
  rt.send({
    type: 'conversation.item.input_audio_transcription.completed',
    item_id: itemId,
    content_index: 0,
    transcript,
  });
}

/**
 * committed → (transcription) → conversation.item.created (user) → response when asked (§6.2).
 * A known transcript (a script) arrives before the item, as cascaded models do; a recogniser's
 * arrives after it, correlated by item_id.
 */
export function commitUserTurn(
  rt: SessionRuntime,
  samples: Int16Array,
  turn: { readonly itemId: string; readonly createResponse: boolean },
): void {
  const { itemId } = turn;
  const previousItemId = rt.conversation.lastId();
  rt.send({
    type: 'input_audio_buffer.committed',
    item_id: itemId,
    previous_item_id: previousItemId,
  });
  const format = rt.inputFormat();
  const part: Record<string, unknown> = { type: 'input_audio', audio: null, transcript: null };
  let transcript: Promise<string | undefined> = Promise.resolve(undefined);
  let runTranscriber = false;
  if (rt.session['input_audio_transcription'] != null) {
    const scripted = rt.responder.nextUserTranscript?.();
    if (scripted !== undefined) {
      transcriptionCompleted(rt, itemId, scripted);
      part['transcript'] = scripted;
      transcript = Promise.resolve(scripted);
    } else if (rt.transcriber !== undefined) runTranscriber = true;
    else {
      transcriptionFailed(
        rt,
        itemId,
        'no transcript: the local server has no speech recogniser and the script gives no transcript for this turn',
      );
    }
  }
  const item: WireItem = {
    id: itemId,
    object: 'realtime.item',
    type: 'message',
    role: 'user',
    status: 'completed',
    content: [part],
  };
  rt.conversation.insert({ item, audio: { bytes: encodeAudio(samples, format), format } });
  rt.send({ type: 'conversation.item.created', previous_item_id: previousItemId, item });
  if (runTranscriber && rt.transcriber !== undefined) {
    rt.pendingTranscriptions++;
    transcript = rt.transcriber.transcribe(samples, format.sampleRate).then(
      (text) => {
        rt.pendingTranscriptions--;
        if (text === undefined || text.trim() === '')
          transcriptionFailed(rt, itemId, 'the speech recogniser found no words in this turn');
        else {
          part['transcript'] = text;
          transcriptionCompleted(rt, itemId, text);
        }
        return text;
      },
      (cause: unknown) => {
        rt.pendingTranscriptions--;
        transcriptionFailed(rt, itemId, `the speech recogniser failed: ${String(cause)}`);
        return undefined;
      },
    );
  }
  rt.transcripts.set(itemId, transcript);
  if (turn.createResponse) rt.createResponse({}, { source: 'vad' });
}
