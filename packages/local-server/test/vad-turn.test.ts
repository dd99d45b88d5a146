/* eslint-disable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- test frames are untyped JSON */
import { connectVoiceLiveClient } from '@voxd/testing';
import type { VoiceLiveTestClient } from '@voxd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LocalServer } from '../src/local-server.js';
import { startLocalServer } from '../src/local-server.js';
import { byteAppends, loadFixture, startScriptedServer } from './fixtures.js';
import { expectAudioResponse, responseEvents } from './sequences.js';

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ port: 0, pace: 'asap', responder: 'tts', seed: 1 });
});
afterAll(() => server.close());

/**
 * Connects to `url`, turns input transcription on with `model` and speaks the first sentence of
 * weather-24k.wav (3.5 s, with the silence that ends the turn).
 */
async function speakWithTranscription(url: string, model: string): Promise<VoiceLiveTestClient> {
  const { bytes } = await loadFixture('weather-24k.wav');
  const client = await connectVoiceLiveClient(url);
  await client.next('session.created');
  client.send({ type: 'session.update', session: { input_audio_transcription: { model } } });
  await client.next('session.updated');
  for (const audio of byteAppends(bytes.subarray(0, 48 * 3500), 48))
    client.send({ type: 'input_audio_buffer.append', audio });
  return client;
}

describe('user turn with server VAD (§6.2)', () => {
  it('detects both turns of real speech, commits them and answers each', async () => {
    const { bytes } = await loadFixture('weather-24k.wav');
    const client = await connectVoiceLiveClient(server.url);
    await client.next('session.created');
    // Turn 1 (up to 3.4 s) first: sent all at once, turn 2 would barge in on the first answer.
    for (const audio of byteAppends(bytes.subarray(0, 48 * 3400), 48))
      client.send({ type: 'input_audio_buffer.append', audio });
    const first = await client.next('response.done');
    for (const audio of byteAppends(bytes.subarray(48 * 3400), 48))
      client.send({ type: 'input_audio_buffer.append', audio });
    // 1 s of trailing silence so the second turn's silence window completes.
    for (const audio of byteAppends(new Uint8Array(48_000), 48))
      client.send({ type: 'input_audio_buffer.append', audio });
    const second = await client.next('response.done');
    const started = client.events.filter((e) => e.type === 'input_audio_buffer.speech_started');
    const stopped = client.events.filter((e) => e.type === 'input_audio_buffer.speech_stopped');
    expect(started).toHaveLength(2);
    expect(stopped).toHaveLength(2);
    // Fixture speech: 300–2697 ms and 3897–5581 ms; padding 300 ms, silence window 500 ms.
    expect(started[0].audio_start_ms).toBeGreaterThanOrEqual(0);
    expect(started[0].audio_start_ms).toBeLessThan(600);
    expect(stopped[0].audio_end_ms).toBeGreaterThan(2697);
    expect(stopped[0].audio_end_ms).toBeLessThan(3897);
    expect(started[1].audio_start_ms).toBeGreaterThan(stopped[0].audio_end_ms - 500);
    expect(stopped[1].audio_end_ms).toBeGreaterThan(5581);
    const types = client.types();
    const turn1 = types.indexOf('input_audio_buffer.speech_started');
    expect(types.slice(turn1, turn1 + 5)).toEqual([
      'input_audio_buffer.speech_started',
      'input_audio_buffer.speech_stopped',
      'input_audio_buffer.committed',
      'conversation.item.created',
      'response.created',
    ]);
    const committed = client.events.filter((e) => e.type === 'input_audio_buffer.committed');
    expect(committed[0]).toMatchObject({ item_id: started[0].item_id, previous_item_id: null });
    const userItem = client.events.find((e) => e.type === 'conversation.item.created');
    expect(userItem).toMatchObject({
      previous_item_id: null,
      item: {
        id: started[0].item_id,
        type: 'message',
        role: 'user',
        status: 'completed',
        content: [{ type: 'input_audio', audio: null, transcript: null }],
      },
    });
    const { transcript } = expectAudioResponse(responseEvents(client.events, first.response.id), {
      bytesPerSample: 2,
      sampleRate: 24000,
    });
    expect(transcript).toMatch(/^I heard you speak for \d\.\d seconds\.$/);
    expect(committed[1].previous_item_id).toBe(first.response.output[0].id);
    expect(second.response.status).toBe('completed');
    await client.close();
  });

  it('with turn_detection null only commits by hand and never answers by itself', async () => {
    const { bytes } = await loadFixture('weather-24k.wav');
    const client = await connectVoiceLiveClient(server.url);
    await client.next('session.created');
    client.send({ type: 'session.update', session: { turn_detection: null } });
    await client.next('session.updated');
    for (const audio of byteAppends(bytes, 48))
      client.send({ type: 'input_audio_buffer.append', audio });
    client.send({ type: 'input_audio_buffer.commit', event_id: 'c1' });
    const committed = await client.next('input_audio_buffer.committed');
    const created = await client.next('conversation.item.created');
    expect(created.item.id).toBe(committed.item_id);
    client.send({ type: 'response.create' });
    const done = await client.next('response.done');
    expect(client.types().filter((t) => t.startsWith('input_audio_buffer.speech'))).toEqual([]);
    expect(client.types().filter((t) => t === 'response.created')).toHaveLength(1);
    expect(done.response.output[0].content[0].transcript).toMatch(/6\.\d seconds/);
    await client.close();
  });

  it('sends input transcription events from a script, before the user item', async () => {
    await using scripted = await startScriptedServer(
      's.yaml',
      '- transcript: "Hello, what is the weather in Oslo today?"\n  say: "It is sunny in Oslo."\n',
    );
    const client = await speakWithTranscription(scripted.url, 'whisper-1');
    const completed = await client.next('conversation.item.input_audio_transcription.completed');
    const created = await client.next('conversation.item.created');
    expect(completed).toMatchObject({
      content_index: 0,
      transcript: 'Hello, what is the weather in Oslo today?',
      item_id: created.item.id,
    });
    const deltas = client.events.filter(
      (e) => e.type === 'conversation.item.input_audio_transcription.delta',
    );
    expect(deltas.map((d) => d.delta).join('')).toBe(completed.transcript);
    expect(created.item.content[0].transcript).toBe(completed.transcript);
    const done = await client.next('response.done');
    expect(done.response.output[0].content[0].transcript).toBe('It is sunny in Oslo.');
    await client.close();
  });

  it('runs a plugged-in recogniser on the committed audio: completed after the user item', async () => {
    const heard: number[] = [];
    await using withRecogniser = await startLocalServer({
      port: 0,
      pace: 'asap',
      responder: 'tts',
      transcriber: {
        // Reports what it was given, so the test sees the committed audio reached it.
        transcribe: (samples, sampleRate) => {
          heard.push(samples.length / sampleRate);
          return Promise.resolve(`weather in Oslo`);
        },
      },
    });
    const client = await speakWithTranscription(withRecogniser.url, 'azure-speech');
    const created = await client.next('conversation.item.created');
    const completed = await client.next('conversation.item.input_audio_transcription.completed');
    expect(completed).toMatchObject({ item_id: created.item.id, transcript: 'weather in Oslo' });
    expect(heard[0]).toBeGreaterThan(2);
    const done = await client.next('response.done');
    expect(done.response.output[0].content[0].transcript).toContain('weather in Oslo');
    await client.close();
  });

  it('reports a failed transcription, never invented text, when nothing can transcribe', async () => {
    const client = await speakWithTranscription(server.url, 'whisper-1');
    const failed = await client.next('conversation.item.input_audio_transcription.failed');
    expect(failed.error.message).toMatch(/no transcript/);
    expect(client.types()).not.toContain('conversation.item.input_audio_transcription.completed');
    await client.close();
  });
});
