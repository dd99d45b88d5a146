import { AzureKeyCredential } from '@azure/core-auth';
import { VoiceLiveClient } from '@azure/ai-voicelive';
import { holdSdkConversation } from '@voxd/testing/official-sdk';
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

describe('the official @azure/ai-voicelive SDK against the local server', () => {
  it('connects, receives session.created, streams audio, and gets a spoken response back', async () => {
    const { bytes } = await loadFixture('weather-24k.wav');
    const turn = await holdSdkConversation({
      url: server.url,
      credential: new AzureKeyCredential('sdk-key'),
      speech: bytes.subarray(0, 48 * 3400),
      beforeSpeech: async (session) => {
        expect(session.sessionId).toMatch(/^sess_/);
        await session.updateSession({
          instructions: 'Answer briefly.',
          voice: { type: 'openai', name: 'alloy' },
        });
      },
    });
    expect(turn.created.id).toMatch(/^sess_/);
    expect(turn.status).toBe('completed');
    expect(turn.audioBytes).toBeGreaterThan(4800);
    expect(turn.audioBytes % 2).toBe(0);
    expect(turn.types).toEqual(
      expect.arrayContaining([
        'session.updated',
        'input_audio_buffer.speech_started',
        'input_audio_buffer.speech_stopped',
        'input_audio_buffer.committed',
        'response.audio.done',
      ]),
    );
    expect(turn.errors).toEqual([]);
  });

  it('fails to connect with a wrong key (401 before the upgrade)', async () => {
    const client = new VoiceLiveClient(server.url, new AzureKeyCredential('wrong'));
    const session = client.createSession('gpt-realtime');
    await expect(session.connect()).rejects.toThrow();
    await session.dispose();
  });
});
