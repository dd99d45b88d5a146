import { isUtf8 } from 'node:buffer';

import type { TransportMessage } from '@voxd/core';
import { parseServerEvent } from '@voxd/protocol';

import type { WebSocketData } from './voice-live-options.js';

function toBytes(data: WebSocketData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

/** The frame as text when it is valid UTF-8 within the size limit; otherwise the bytes. */
function toText(data: WebSocketData | string, maxBytes: number): string | Uint8Array {
  if (typeof data === 'string') return data;
  const bytes = toBytes(data);
  // Bad or oversize frames stay bytes: the protocol parser names exactly what is wrong with them.
  if (bytes.length > maxBytes || !isUtf8(bytes)) return bytes;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
}

/**
 * Parses one inbound frame (text or binary, both UTF-8 JSON) exactly once into a
 * `TransportMessage`. Unknown event types are kept; bad frames become `malformed`, never throw.
 * Events keep the frame's original `text`, so a relay (the gateway) forwards it without
 * re-encoding the audio inside.
 */
export function frameToMessage(data: WebSocketData | string, maxBytes: number): TransportMessage {
  const frame = toText(data, maxBytes);
  // Lenient: a voice or model name newer than our schemas must not make a real service's
  // session.updated malformed; every other field is still checked.
  const parsed = parseServerEvent(frame, { maxBytes, lenient: true });
  const text = typeof frame === 'string' ? { text: frame } : {};
  switch (parsed.kind) {
    case 'known':
      return { kind: 'event', event: parsed.event, ...text };
    case 'unknown':
      return { kind: 'unknown', type: parsed.type, raw: parsed.raw, ...text };
    case 'malformed':
      return { kind: 'malformed', reason: `${parsed.error.code}: ${parsed.error.message}` };
  }
}
