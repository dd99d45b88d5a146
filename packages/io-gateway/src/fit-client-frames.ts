import type { ServerEvent } from '@voxd/protocol';
import { SDK_MAX_SERVER_FRAME_BYTES } from '@voxd/protocol';

/** Base64 characters per split audio delta: 384 KiB of audio, a whole number of pcm16 samples. */
const SPLIT_BASE64_CHARS = 512 * 1024;

/** Whether a frame of this text is under the official SDK's limit (reference §1.4). */
export function underClientLimit(text: string, limitBytes = SDK_MAX_SERVER_FRAME_BYTES): boolean {
  // A UTF-16 unit is at most 3 UTF-8 bytes: most frames skip the byte count.
  if (text.length * 3 < limitBytes) return true;
  return Buffer.byteLength(text, 'utf8') < limitBytes;
}

/**
 * The frames to send a client for one upstream frame that is too large for it. An oversized
 * `response.audio.delta` is split into several deltas of the same item (the audio stays whole and in
 * order; chunk boundaries fall on whole samples); any other oversized event cannot be split and
 * yields `undefined` (the caller reports it instead).
 */
export function splitOversizeEvent(
  event: ServerEvent,
  limitBytes = SDK_MAX_SERVER_FRAME_BYTES,
): string[] | undefined {
  if (event.type !== 'response.audio.delta') return undefined;
  const chunkChars = Math.min(SPLIT_BASE64_CHARS, Math.floor(limitBytes / 2 / 8) * 8);
  if (chunkChars <= 0) return undefined;
  const frames: string[] = [];
  const { delta } = event;
  for (let offset = 0, index = 0; offset < delta.length; offset += chunkChars, index++) {
    frames.push(
      JSON.stringify({
        ...event,
        event_id: `${event.event_id}_${index}`,
        delta: delta.slice(offset, offset + chunkChars),
      }),
    );
  }
  return frames;
}
