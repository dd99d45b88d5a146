import type { AudioFormat } from '@voxd/audio';
import { byteLengthForMs, PCM16_24K } from '@voxd/audio';
import type { ClientEvent, ServerEvent } from '@voxd/protocol';
import type { ScriptedTransport } from '@voxd/testing';

import type { TransportMessage } from '../src/transport.js';

/** `ms` of audio in `format`, every byte `fill`, so tests can tell chunks apart. */
export function audio(ms: number, fill = 1, format: AudioFormat = PCM16_24K): Uint8Array {
  return new Uint8Array(byteLengthForMs(format, ms)).fill(fill);
}

/** Wraps a typed server event as the transport delivers it. */
export function msg(event: ServerEvent): TransportMessage {
  return { kind: 'event', event };
}

/** Client events other than the handshake and audio appends, as short readable strings. */
export function controlSent(transport: ScriptedTransport): string[] {
  return transport.sent.filter(isControl).map(describeClientEvent);
}

export function isControl(event: ClientEvent): boolean {
  return event.type !== 'session.update' && event.type !== 'input_audio_buffer.append';
}

export function describeClientEvent(event: ClientEvent): string {
  switch (event.type) {
    case 'response.cancel':
      return `cancel ${event.response_id ?? ''}`;
    case 'conversation.item.truncate':
      return `truncate ${event.item_id}@${event.audio_end_ms}`;
    case 'conversation.item.create':
      return event.item.type === 'function_call_output'
        ? `output ${event.item.call_id} ${event.item.output}`
        : `create ${event.item.type}`;
    default:
      return event.type;
  }
}
