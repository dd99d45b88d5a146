import type { ServerEventOf } from '@voxd/protocol';

import type { SessionEventInit } from './session-event.js';

/** The server events that carry user or assistant transcript text. */
export type TranscriptServerEvent = ServerEventOf<
  | 'conversation.item.input_audio_transcription.delta'
  | 'conversation.item.input_audio_transcription.completed'
  | 'response.audio_transcript.delta'
  | 'response.audio_transcript.done'
  | 'response.text.delta'
  | 'response.text.done'
>;

/**
 * The `transcript.user` or `transcript.assistant` report of a transcript server event: deltas with
 * `final: false`, the whole text (`…completed`, `….done`) with `final: true`. Shared by the session
 * and the gateway, which meters relayed traffic the same way.
 */
export function transcriptEventOf(
  event: TranscriptServerEvent,
): Extract<SessionEventInit, { type: 'transcript.user' | 'transcript.assistant' }> {
  switch (event.type) {
    case 'conversation.item.input_audio_transcription.delta':
      return { type: 'transcript.user', itemId: event.item_id, text: event.delta, final: false };
    case 'conversation.item.input_audio_transcription.completed':
      return {
        type: 'transcript.user',
        itemId: event.item_id,
        text: event.transcript,
        final: true,
      };
    case 'response.audio_transcript.delta':
    case 'response.text.delta':
    case 'response.audio_transcript.done':
    case 'response.text.done':
      return {
        type: 'transcript.assistant',
        responseId: event.response_id,
        itemId: event.item_id,
        text:
          event.type === 'response.text.done'
            ? event.text
            : event.type === 'response.audio_transcript.done'
              ? event.transcript
              : event.delta,
        final:
          event.type === 'response.text.done' || event.type === 'response.audio_transcript.done',
      };
  }
}
