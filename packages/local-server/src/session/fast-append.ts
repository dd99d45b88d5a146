import { decodeBase64 } from '@voxd/audio';

/** 15 MiB of decoded audio is 20 MiB of base64: the protocol schema's limit on `audio`. */
const MAX_AUDIO_BASE64_CHARS = 20 * 1024 * 1024;

// Created once: `fatal` makes invalid UTF-8 an error, as in the protocol's frame decoder.
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A well-formed `input_audio_buffer.append` and its decoded audio. */
export interface FastAppend {
  readonly event: Record<string, unknown> & { readonly type: string; readonly event_id?: string };
  readonly bytes: Uint8Array;
}

/**
 * Reads a frame as an `input_audio_buffer.append` (about ten per second per session) without the
 * schema parser: the base64 is checked by decoding it once, which the append needs anyway, instead
 * of once in the schema and again to use it. Returns `undefined` for anything else, including
 * every malformed append: the caller then runs the full parser, so errors are reported exactly as
 * before. Accepts only what the schema accepts (padded standard base64 within the size limit, a
 * string or null `event_id`, other fields passed through).
 */
export function readFastAppend(
  data: string | Uint8Array,
  maxBytes: number,
): FastAppend | undefined {
  if (typeof data === 'string') {
    if (data.length * 3 > maxBytes) return undefined;
  } else if (data.byteLength > maxBytes) return undefined;
  let text: string;
  try {
    text = typeof data === 'string' ? data : decoder.decode(data);
  } catch {
    return undefined;
  }
  if (!text.includes('"input_audio_buffer.append"')) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const event = raw as Record<string, unknown>;
  const { type, audio } = event;
  const eventId = event['event_id'];
  if (
    type !== 'input_audio_buffer.append' ||
    typeof audio !== 'string' ||
    audio.length % 4 !== 0 ||
    audio.length > MAX_AUDIO_BASE64_CHARS ||
    (eventId !== undefined && eventId !== null && typeof eventId !== 'string')
  ) {
    return undefined;
  }
  try {
    return { event: event as FastAppend['event'], bytes: decodeBase64(audio) };
  } catch {
    return undefined;
  }
}
