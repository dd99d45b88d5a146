import { AzureKeyCredential } from '@azure/core-auth';
import type { TokenCredential } from '@azure/core-auth';
import { VoiceLiveClient } from '@azure/ai-voicelive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Stack } from './stack.js';
import {
  AGENT_INSTRUCTIONS,
  GATEWAY_KEY,
  GATEWAY_TOKEN,
  loadFixtureAudio,
  startStack,
  eventually,
} from './stack.js';

// The SDK tunnels even loopback connections through a configured proxy (reference §1.4).
for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy'])
  delete process.env[name];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the official @azure/ai-voicelive SDK through the gateway', () => {
  it('gets the agent session first, speaks a turn and hears a spoken answer', async () => {
    const client = new VoiceLiveClient(stack.gateway.url, new AzureKeyCredential(GATEWAY_KEY));
    const session = client.createSession('gpt-realtime');
    const created = deferred<{ id: string; instructions: string }>();
    const done = deferred<string>();
    const types: string[] = [];
    const audio: Uint8Array[] = [];
    const errors: unknown[] = [];
    session.subscribe({
      onSessionCreated: (event) => {
        created.resolve({
          id: event.session.id ?? '',
          instructions: event.session.instructions ?? '',
        });
        return Promise.resolve();
      },
      onResponseAudioDelta: (event) => {
        audio.push(event.delta);
        return Promise.resolve();
      },
      onResponseDone: (event) => {
        done.resolve(event.response.status ?? '');
        return Promise.resolve();
      },
      onServerEvent: (event) => {
        types.push(event.type);
        return Promise.resolve();
      },
      onError: (args) => {
        errors.push(args);
        return Promise.resolve();
      },
    });
    await session.connect();
    const first = await created.promise;
    expect(first.id).toMatch(/^sess_/);
    expect(first.instructions).toBe(AGENT_INSTRUCTIONS);
    const bytes = await loadFixtureAudio('weather-24k.wav');
    // The first sentence and 700 ms of the silence after it (segments in fixtures/manifest.json).
    for (let offset = 0; offset < 48 * 3400; offset += 4800)
      await session.sendAudio(bytes.subarray(offset, offset + 4800));
    expect(await done.promise).toBe('completed');
    const total = audio.reduce((n, chunk) => n + chunk.length, 0);
    expect(total).toBeGreaterThan(4800);
    expect(total % 2).toBe(0);
    expect(types[0]).toBe('session.created');
    expect(types).not.toContain('session.updated');
    expect(types).toEqual(
      expect.arrayContaining([
        'input_audio_buffer.speech_started',
        'input_audio_buffer.speech_stopped',
        'input_audio_buffer.committed',
        'response.created',
        'response.audio.done',
      ]),
    );
    expect(errors).toEqual([]);
    await session.disconnect();
    await session.dispose();

    // The gateway metered the same session: one turn with its latencies, then a clean close.
    const gatewaySession = stack.sessions.at(-1);
    expect(gatewaySession).toBeDefined();
    const events = stack.events.get(gatewaySession?.id ?? '') ?? [];
    await eventually(() => events.at(-1)?.type === 'session.closed');
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
    const client = new VoiceLiveClient(stack.gateway.url, credential);
    const session = client.createSession('gpt-realtime');
    const created = deferred<string>();
    session.subscribe({
      onSessionCreated: (event) => {
        created.resolve(event.session.instructions ?? '');
        return Promise.resolve();
      },
    });
    await session.connect();
    expect(await created.promise).toBe(AGENT_INSTRUCTIONS);
    await session.disconnect();
    await session.dispose();
  });

  it('fails to connect with a wrong key (401 before the upgrade)', async () => {
    const client = new VoiceLiveClient(stack.gateway.url, new AzureKeyCredential('wrong'));
    const session = client.createSession('gpt-realtime');
    await expect(session.connect()).rejects.toThrow();
    await session.dispose();
  });
});
