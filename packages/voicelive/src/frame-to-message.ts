import type { TransportMessage } from '@voxd/core';
import { parseServerEvent } from '@voxd/protocol';

import type { WebSocketData } from './voice-live-options.js';

function toBytes(data: WebSocketData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

/**
 * Parses one inbound frame (text or binary, both UTF-8 JSON) exactly once into a
 * `TransportMessage`. Unknown event types are kept; bad frames become `malformed`, never throw.
 */
export function frameToMessage(data: WebSocketData | string, maxBytes: number): TransportMessage {
  const parsed = parseServerEvent(typeof data === 'string' ? data : toBytes(data), { maxBytes });
  switch (parsed.kind) {
    case 'known':
      return { kind: 'event', event: parsed.event };
    case 'unknown':
      return { kind: 'unknown', type: parsed.type, raw: parsed.raw };
    case 'malformed':
      return { kind: 'malformed', reason: `${parsed.error.code}: ${parsed.error.message}` };
  }
}
