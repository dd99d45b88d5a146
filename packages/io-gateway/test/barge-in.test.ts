import { connectVoiceLiveClient, eventually } from '@voxd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Stack } from './stack.js';
import {
  base64Chunks,
  CLIENT_HEADERS,
  CLIENT_QUERY,
  loadFixtureAudio,
  startStack,
} from './stack.js';

let stack: Stack;
beforeAll(async () => {
  // Real-time pacing keeps the first answer playing while the second sentence arrives.
  stack = await startStack({ local: { pace: 'realtime' } });
});
afterAll(() => stack.close());

describe('barge-in through the gateway', () => {
  it('relays the upstream cancellation and meters the interruption', async () => {
    const client = await connectVoiceLiveClient(stack.gateway.url, {
      query: CLIENT_QUERY,
      headers: CLIENT_HEADERS,
    });
    await client.next('session.created');
    // Both sentences of the fixture at once: the second starts while the first answer streams.
    const bytes = await loadFixtureAudio('weather-24k.wav');
    for (const audio of base64Chunks(bytes))
      client.send({ type: 'input_audio_buffer.append', audio });
    const cancelled: { response: { id: string } } = await client.until(
      (e: { type: string; response?: { status?: string } }) =>
        e.type === 'response.done' && e.response?.status === 'cancelled',
    );
    const events = stack.events.get(stack.sessions.at(-1)?.id ?? '') ?? [];
    await eventually(
      () => events.some((e) => e.type === 'turn.interrupted'),
      'a turn.interrupted event',
    );
    const kinds: string[] = events.map((e) => e.type).filter((t) => t !== 'server.event');
    const interrupted = kinds.indexOf('turn.interrupted');
    expect(kinds.indexOf('response.started')).toBeLessThan(interrupted);
    expect(kinds[interrupted + 1]).toBe('turn.started');
    const event = events.find((e) => e.type === 'turn.interrupted');
    expect(event).toMatchObject({
      cancelSent: false,
      truncations: [],
      responseIds: [cancelled.response.id],
    });
    await client.close();
  });
});
