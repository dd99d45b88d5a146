import { AzureKeyCredential } from '@azure/core-auth';
import type { TokenCredential } from '@azure/core-auth';
import { VoiceLiveClient } from '@azure/ai-voicelive';
import { eventually } from '@voxd/testing';
import { holdSdkConversation } from '@voxd/testing/official-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Stack } from './stack.js';
import {
  AGENT_INSTRUCTIONS,
  GATEWAY_KEY,
  GATEWAY_TOKEN,
  loadFixtureAudio,
  startStack,
} from './stack.js';

// The SDK tunnels even loopback connections through a configured proxy (reference §1.4).
for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy'])
  delete process.env[name];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe('the official @azure/ai-voicelive SDK through the gateway', () => {
  it('gets the agent session first, speaks a turn and hears a spoken answer', async () => {
    const bytes = await loadFixtureAudio('weather-24k.wav');
    const turn = await holdSdkConversation({
      url: stack.gateway.url,
      credential: new AzureKeyCredential(GATEWAY_KEY),
      // The first sentence and 700 ms of the silence after it (segments in fixtures/manifest.json).
      speech: bytes.subarray(0, 48 * 3400),
    });
    expect(turn.created.id).toMatch(/^sess_/);
    expect(turn.created.instructions).toBe(AGENT_INSTRUCTIONS);
    expect(turn.status).toBe('completed');
    const total = turn.audioBytes;
    expect(total).toBeGreaterThan(4800);
    expect(total % 2).toBe(0);
    expect(turn.types[0]).toBe('session.created');
    expect(turn.types).not.toContain('session.updated');
    expect(turn.types).toEqual(
      expect.arrayContaining([
        'input_audio_buffer.speech_started',
        'input_audio_buffer.speech_stopped',
        'input_audio_buffer.committed',
        'response.created',
        'response.audio.done',
      ]),
    );
    expect(turn.errors).toEqual([]);

    // The gateway metered the same session: one turn with its latencies, then a clean close.
    const gatewaySession = stack.sessions.at(-1);
    expect(gatewaySession).toBeDefined();
    const events = stack.events.get(gatewaySession?.id ?? '') ?? [];
    await eventually(() => events.at(-1)?.type === 'session.closed', 'the gateway session closed');
    const kinds: string[] = events.map((e) => e.type).filter((t) => t !== 'server.event');
    expect(kinds[0]).toBe('session.connecting');
    expect(kinds[1]).toBe('session.ready');
    const order = [
      'turn.started',
      'turn.ended',
      'turn.committed',
      'response.started',
      'response.audio.first',
      'response.done',
    ].map((t) => kinds.indexOf(t));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const ready = events.find((e) => e.type === 'session.ready');
    expect(ready?.type === 'session.ready' && ready.session.instructions).toBe(AGENT_INSTRUCTIONS);
    const firstAudio = events.find((e) => e.type === 'response.audio.first');
    if (firstAudio?.type !== 'response.audio.first') throw new Error('no response.audio.first');
    expect(firstAudio.sinceSpeechStoppedMs).toBeGreaterThanOrEqual(0);
    expect(firstAudio.sinceResponseStartedMs).toBeGreaterThanOrEqual(0);
    expect(firstAudio.sinceSpeechStoppedMs).toBeGreaterThanOrEqual(
      firstAudio.sinceResponseStartedMs,
    );
    const sentMs = events
      .filter((e) => e.type === 'input.audio')
      .reduce((n, e) => n + (e.type === 'input.audio' ? e.durationMs : 0), 0);
    expect(sentMs).toBeCloseTo(3400, 0);
    const heardMs = events
      .filter((e) => e.type === 'response.audio')
      .reduce((n, e) => n + (e.type === 'response.audio' ? e.durationMs : 0), 0);
    expect(heardMs).toBeCloseTo(total / 48, 0);
    const doneEvent = events.find((e) => e.type === 'response.done');
    expect(doneEvent?.type === 'response.done' && doneEvent.status).toBe('completed');
    expect(events.at(-1)).toMatchObject({ type: 'session.closed', reason: 'closed' });
    expect(stack.gateway.activeSessions()).toBe(0);
  });

  it('connects with a token credential (Authorization: Bearer) and gets the agent session', async () => {
    const credential: TokenCredential = {
      getToken: () =>
        Promise.resolve({ token: GATEWAY_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
    };
    const turn = await holdSdkConversation({
      url: stack.gateway.url,
      credential,
      speech: (await loadFixtureAudio('weather-24k.wav')).subarray(0, 48 * 3400),
    });
    expect(turn.created.instructions).toBe(AGENT_INSTRUCTIONS);
    expect(turn.status).toBe('completed');
    expect(turn.errors).toEqual([]);
  });

  it('fails to connect with a wrong key (401 before the upgrade)', async () => {
    const client = new VoiceLiveClient(stack.gateway.url, new AzureKeyCredential('wrong'));
    const session = client.createSession('gpt-realtime');
    await expect(session.connect()).rejects.toThrow();
    await session.dispose();
  });
});
