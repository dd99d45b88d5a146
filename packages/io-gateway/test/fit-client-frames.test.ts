import { parseServerEvent, SDK_MAX_SERVER_FRAME_BYTES } from '@voxd/protocol';
import { describe, expect, it } from 'vitest';

import { splitOversizeEvent, underClientLimit } from '../src/fit-client-frames.js';

describe('frames for the client', () => {
  it('splits an oversized audio delta into whole-sample deltas under 1 MiB, in order', () => {
    const audio = Buffer.alloc(1_000_000);
    for (let i = 0; i < audio.length; i++) audio[i] = i % 251;
    const text = JSON.stringify({
      type: 'response.audio.delta',
      event_id: 'event_big',
      response_id: 'resp_1',
      item_id: 'item_1',
      output_index: 0,
      content_index: 0,
      delta: audio.toString('base64'),
    });
    expect(underClientLimit(text)).toBe(false);
    const parsed = parseServerEvent(text);
    if (parsed.kind !== 'known') throw new Error('not parsed');
    const frames = splitOversizeEvent(parsed.event) ?? [];
    expect(frames.length).toBeGreaterThan(1);
    const chunks = frames.map((frame) => {
      expect(Buffer.byteLength(frame)).toBeLessThan(SDK_MAX_SERVER_FRAME_BYTES);
      const event = JSON.parse(frame) as { delta: string; item_id: string };
      expect(event.item_id).toBe('item_1');
      const bytes = Buffer.from(event.delta, 'base64');
      expect(bytes.length % 2).toBe(0);
      return bytes;
    });
    expect(Buffer.concat(chunks).equals(audio)).toBe(true);
  });

  it('does not split other events', () => {
    const parsed = parseServerEvent(
      JSON.stringify({ type: 'input_audio_buffer.cleared', event_id: 'event_1' }),
    );
    if (parsed.kind !== 'known') throw new Error('not parsed');
    expect(splitOversizeEvent(parsed.event)).toBeUndefined();
  });

  it('measures UTF-8 bytes, not characters', () => {
    expect(underClientLimit('é'.repeat(400_000))).toBe(true);
    expect(underClientLimit('é'.repeat(600_000))).toBe(false);
  });
});
