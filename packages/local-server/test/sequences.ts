/* eslint-disable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- test frames are untyped JSON */
import type { WireEvent } from '@voxd/testing';
import { expect } from 'vitest';

/** Events of one response, from its response.created to its response.done. */
export function responseEvents(events: WireEvent[], responseId: string): WireEvent[] {
  const start = events.findIndex(
    (e) => e.type === 'response.created' && e.response.id === responseId,
  );
  const end = events.findIndex((e) => e.type === 'response.done' && e.response.id === responseId);
  return events
    .slice(start, end + 1)
    .filter(
      (e) =>
        e.type.startsWith('response.') ||
        e.type === 'conversation.item.created' ||
        e.type === 'conversation.item.truncated',
    );
}

/**
 * Asserts the §6.2 audio response order and the invariants of Appendix A.7: every done equals its
 * deltas, every delta holds 50–200 ms of whole samples. Returns the audio bytes and transcript.
 */
export function expectAudioResponse(
  events: WireEvent[],
  options: { bytesPerSample: number; sampleRate: number; status?: string },
): { audio: Buffer; transcript: string; done: WireEvent } {
  const types = events.map((e) => e.type);
  expect(types.slice(0, 4)).toEqual([
    'response.created',
    'response.output_item.added',
    'conversation.item.created',
    'response.content_part.added',
  ]);
  const tail = [
    'response.audio.done',
    'response.audio_transcript.done',
    'response.content_part.done',
    'response.output_item.done',
    'response.done',
  ];
  expect(types.slice(-5)).toEqual(tail);
  const middle = types.slice(4, -5);
  expect(
    middle.every((t) => t === 'response.audio.delta' || t === 'response.audio_transcript.delta'),
  ).toBe(true);
  const audioDeltas = events.filter((e) => e.type === 'response.audio.delta');
  const chunks = audioDeltas.map((e) => Buffer.from(e.delta, 'base64'));
  for (const [i, chunk] of chunks.entries()) {
    expect(chunk.length % options.bytesPerSample).toBe(0);
    const ms = (chunk.length / options.bytesPerSample / options.sampleRate) * 1000;
    expect(ms).toBeLessThanOrEqual(200);
    if (chunks.length > 1 || i > 0) expect(ms).toBeGreaterThanOrEqual(50);
  }
  const transcript = events
    .filter((e) => e.type === 'response.audio_transcript.delta')
    .map((e) => e.delta)
    .join('');
  const transcriptDone = events.find((e) => e.type === 'response.audio_transcript.done');
  expect(transcriptDone.transcript).toBe(transcript);
  const itemId = events[1].item.id;
  for (const e of events.slice(1, -1)) {
    if ('item_id' in e) expect(e.item_id).toBe(itemId);
    if ('response_id' in e) expect(e.response_id).toBe(events[0].response.id);
  }
  const done = events.at(-1);
  expect(done.response.status).toBe(options.status ?? 'completed');
  const outputItem = done.response.output[0];
  expect(outputItem.content).toEqual([{ type: 'audio', transcript }]);
  expect(JSON.stringify(done.response)).not.toMatch(/"audio":"/);
  const usage = done.response.usage;
  expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens);
  expect(usage.output_tokens).toBe(
    usage.output_token_details.text_tokens + usage.output_token_details.audio_tokens,
  );
  return { audio: Buffer.concat(chunks), transcript, done };
}
