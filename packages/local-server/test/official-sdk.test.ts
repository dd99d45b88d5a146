import { AzureKeyCredential } from '@azure/core-auth';
import { VoiceLiveClient } from '@azure/ai-voicelive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LocalServer } from '../src/local-server.js';
import { startLocalServer } from '../src/local-server.js';
import { loadFixture } from './fixtures.js';

// The SDK tunnels even loopback connections through a configured proxy (§1.4).
for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy'])
  delete process.env[name];

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({
    port: 0,
    pace: 'asap',
    responder: 'tts',
    apiKeys: ['sdk-key'],
    seed: 11,
  });
});
afterAll(() => server.close());

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the official @azure/ai-voicelive SDK against the local server', () => {
  it('connects, receives session.created, streams audio, and gets a spoken response back', async () => {
    const client = new VoiceLiveClient(server.url, new AzureKeyCredential('sdk-key'));
    const session = client.createSession('gpt-realtime');
    const created = deferred<string>();
    const done = deferred<string>();
    const types: string[] = [];
    const audio: Uint8Array[] = [];
    const errors: unknown[] = [];
    session.subscribe({
      onSessionCreated: (event) => {
        created.resolve(event.session.id ?? '');
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
    expect(await created.promise).toMatch(/^sess_/);
    expect(session.sessionId).toMatch(/^sess_/);
    await session.updateSession({
      instructions: 'Answer briefly.',
      voice: { type: 'openai', name: 'alloy' },
    });
    const { bytes } = await loadFixture('weather-24k.wav');
    for (let offset = 0; offset < 48 * 3400; offset += 4800)
      await session.sendAudio(bytes.subarray(offset, offset + 4800));
    expect(await done.promise).toBe('completed');
    const total = audio.reduce((n, a) => n + a.length, 0);
    expect(total).toBeGreaterThan(4800);
    expect(total % 2).toBe(0);
    expect(types).toEqual(
      expect.arrayContaining([
        'session.updated',
        'input_audio_buffer.speech_started',
        'input_audio_buffer.speech_stopped',
        'input_audio_buffer.committed',
        'response.audio.done',
      ]),
    );
    expect(errors).toEqual([]);
    await session.disconnect();
    await session.dispose();
  });

  it('fails to connect with a wrong key (401 before the upgrade)', async () => {
    const client = new VoiceLiveClient(server.url, new AzureKeyCredential('wrong'));
    const session = client.createSession('gpt-realtime');
    await expect(session.connect()).rejects.toThrow();
    await session.dispose();
  });
});
