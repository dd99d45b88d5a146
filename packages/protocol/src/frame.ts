import { ProtocolError } from './protocol-error.js';

/**
 * Default `maxBytes` for client events: one `input_audio_buffer.append` may carry 15 MiB of decoded
 * audio (reference §2), which is 20 MiB of base64 text, plus 1 MiB for the envelope.
 */
export const DEFAULT_MAX_CLIENT_EVENT_BYTES = 21 * 1024 * 1024;

/**
 * Default `maxBytes` for server events. The protocol sets no limit on what a server may send (a
 * `conversation.item.retrieved` may carry a whole item's audio), so this only guards memory.
 */
export const DEFAULT_MAX_SERVER_EVENT_BYTES = 32 * 1024 * 1024;

/**
 * The official Node SDK closes the connection when one server message is larger than this
 * (reference §1.4). It is a limit for servers to respect when they send, not a parse limit.
 */
export const SDK_MAX_SERVER_FRAME_BYTES = 1024 * 1024;

/** UTF-8 length of `text`; only called when the quick bounds cannot decide. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    // A surrogate pair is 4 bytes: 2 for each half. A lone surrogate becomes U+FFFD (3 bytes).
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The frame's size in UTF-8 bytes when it is over `maxBytes` (a lower bound for strings), else
 * `undefined`; decided before any decoding. A string's UTF-8 length lies between `length` and
 * `3 × length`, so most frames are decided without counting.
 */
export function oversizeBytes(data: string | Uint8Array, maxBytes: number): number | undefined {
  if (typeof data !== 'string') return data.byteLength > maxBytes ? data.byteLength : undefined;
  if (data.length > maxBytes) return data.length;
  if (data.length * 3 <= maxBytes) return undefined;
  const bytes = utf8Length(data);
  return bytes > maxBytes ? bytes : undefined;
}

// Created once: `fatal` makes invalid UTF-8 an error instead of silent U+FFFD replacement.
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes a binary frame; invalid UTF-8 is a JSON error, since the protocol is UTF-8 JSON. */
export function decodeFrame(data: Uint8Array): string | ProtocolError {
  try {
    return decoder.decode(data);
  } catch (cause) {
    return new ProtocolError('E_PROTOCOL_NOT_JSON', 'binary frame is not valid UTF-8', { cause });
  }
}
