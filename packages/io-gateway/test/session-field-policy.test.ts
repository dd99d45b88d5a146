/* eslint-disable @typescript-eslint/no-unsafe-return -- test frames are untyped JSON */
// The field policy over real sockets: a raw client and the official SDK against the gateway in
// front of a real local Voice Live server.
import { AzureKeyCredential } from '@azure/core-auth';
import type { SessionEvent } from '@voxd/core';
import { connectVoiceLiveClient, eventually } from '@voxd/testing';
import type { VoiceLiveTestClient } from '@voxd/testing';
import { holdSdkTurns } from '@voxd/testing/official-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Stack } from './stack.js';
import {
  AGENT_INSTRUCTIONS,
  base64Chunks,
  CLIENT_HEADERS,
  CLIENT_QUERY,
  GATEWAY_KEY,
  loadFixtureAudio,
  startStack,
} from './stack.js';

// The SDK tunnels even loopback connections through a configured proxy (reference §1.4).
for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy'])
  delete process.env[name];

const drops: { sessionId: string; field: string }[] = [];
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    clientSessionFields: { voice: 'allow', temperature: 'reject' },
    onSessionFieldDropped: (drop) => drops.push(drop),
  });
});
afterAll(() => stack.close());

async function open(): Promise<VoiceLiveTestClient> {
  const client = await connectVoiceLiveClient(stack.gateway.url, {
    query: CLIENT_QUERY,
    headers: CLIENT_HEADERS,
  });
  await client.next('session.created');
  return client;
}

/** The gateway's events of the session opened last. */
function lastSessionEvents(): { id: string; events: SessionEvent[] } {
  const id = stack.sessions.at(-1)?.id ?? '';
  return { id, events: stack.events.get(id) ?? [] };
}

const LEARN_WIRE_SESSION = {
  modalities: ['text', 'audio'],
  instructions: 'You are a helpful AI assistant. Respond naturally and conversationally.',
  voice: { type: 'azure-standard', name: 'en-US-AvaNeural' },
  input_audio_format: 'pcm16',
  output_audio_format: 'pcm16',
  turn_detection: {
    type: 'server_vad',
    threshold: 0.5,
    prefix_padding_ms: 300,
    silence_duration_ms: 500,
  },
};

describe('the client session field policy', () => {
  it("keeps the agent's instructions, takes the client's voice and formats, and reports the drop once", async () => {
    const client = await open();
    const before = drops.length;
    client.send({ type: 'session.update', event_id: 'evt_learn', session: LEARN_WIRE_SESSION });
    const updated = await client.next('session.updated');
    expect(updated.session).toMatchObject({
      instructions: AGENT_INSTRUCTIONS,
      voice: LEARN_WIRE_SESSION.voice,
      modalities: ['text', 'audio'],
      input_audio_format: 'pcm16',
      output_audio_format: 'pcm16',
      turn_detection: LEARN_WIRE_SESSION.turn_detection,
    });
    // The same update again: answered again, but the drop was already reported for this session.
    client.send({ type: 'session.update', session: LEARN_WIRE_SESSION });
    expect((await client.next('session.updated')).session.instructions).toBe(AGENT_INSTRUCTIONS);
    const { id } = lastSessionEvents();
    expect(drops.slice(before)).toEqual([{ sessionId: id, field: 'instructions' }]);
    expect(client.types()).not.toContain('error');
    await client.close();
  });

  it('refuses an update with a rejected field as a whole, and the session goes on', async () => {
    const client = await open();
    client.send({
      type: 'session.update',
      event_id: 'evt_bad',
      session: { temperature: 0.6, voice: 'echo' },
    });
    const error = await client.next('error');
    expect(error.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'session_field_not_allowed',
      param: 'session.temperature',
      event_id: 'evt_bad',
    });
    client.send({ type: 'session.update', session: { voice: 'echo' } });
    const updated = await client.next('session.updated');
    // The refused update changed nothing: the voice is the one of the later, accepted update.
    expect(updated.session.voice).toBe('echo');
    expect(updated.session.temperature).not.toBe(0.6);
    expect(client.types().filter((t) => t === 'session.updated')).toHaveLength(1);
    await client.close();
  });

  it('lets a G.711 client hold a turn, metered in its own format', async () => {
    const client = await open();
    client.send({
      type: 'session.update',
      session: { input_audio_format: 'g711_ulaw', output_audio_format: 'g711_ulaw' },
    });
    // Sent at once, without waiting for session.updated: the audio after the update is µ-law.
    const ulaw = await loadFixtureAudio('phone-8k-ulaw.wav');
    const speech = ulaw.subarray(0, 8 * 3100); // first sentence and 720 ms of silence
    for (const audio of base64Chunks(speech, 800))
      client.send({ type: 'input_audio_buffer.append', audio });
    const updated = await client.next('session.updated');
    expect(updated.session).toMatchObject({
      input_audio_format: 'g711_ulaw',
      input_audio_sampling_rate: 8000,
      output_audio_format: 'g711_ulaw',
    });
    const done = await client.next('response.done');
    expect(done.response.status).toBe('completed');
    const answerBytes = client.events
      .filter((e) => e.type === 'response.audio.delta')
      .reduce((sum, e) => sum + Buffer.from(e.delta as string, 'base64').length, 0);
    expect(answerBytes).toBeGreaterThan(800);
    await client.close();

    const { events } = lastSessionEvents();
    await eventually(() => events.at(-1)?.type === 'session.closed', 'the session closed');
    const sum = (type: 'input.audio' | 'response.audio'): number =>
      events.reduce((total, e) => total + (e.type === type ? e.durationMs : 0), 0);
    // 8 bytes a millisecond both ways: what voxd_audio_seconds_total counts.
    expect(sum('input.audio')).toBeCloseTo(3100, 6);
    expect(sum('response.audio')).toBeCloseTo(answerBytes / 8, 6);
  });

  it('lets the official SDK with the Learn session hold two spoken turns', async () => {
    const pcm = await loadFixtureAudio('weather-24k.wav');
    const before = drops.length;
    const result = await holdSdkTurns({
      url: stack.gateway.url,
      credential: new AzureKeyCredential(GATEWAY_KEY),
      session: {
        modalities: ['text', 'audio'],
        instructions: LEARN_WIRE_SESSION.instructions,
        voice: { type: 'azure-standard', name: 'en-US-AvaNeural' },
        inputAudioFormat: 'pcm16',
        outputAudioFormat: 'pcm16',
        turnDetection: {
          type: 'server_vad',
          threshold: 0.5,
          prefixPaddingInMs: 300,
          silenceDurationInMs: 500,
        },
      },
      // The two sentences of the fixture, each with the silence after it (fixtures/manifest.json).
      turns: [pcm.subarray(0, 48 * 3400), pcm.subarray(48 * 3400)],
    });
    expect(result.errors).toEqual([]);
    expect(result.updated?.instructions).toBe(AGENT_INSTRUCTIONS);
    expect(result.updated?.voice).toEqual({ type: 'azure-standard', name: 'en-US-AvaNeural' });
    expect(result.turns.map((t) => t.status)).toEqual(['completed', 'completed']);
    for (const turn of result.turns) expect(turn.audioBytes).toBeGreaterThan(24_000);
    expect(drops.slice(before).map((d) => d.field)).toEqual(['instructions']);
  });
});
