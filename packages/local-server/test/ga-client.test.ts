import {
  OpenAIRealtimeWebSocket,
  RealtimeAgent,
  RealtimeSession,
  tool,
} from '@openai/agents-realtime';
import type { RealtimeSessionConfig } from '@openai/agents-realtime';
import { connectVoiceLiveClient, eventually, refusedUpgrade } from '@voxd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import type { LocalServer } from '../src/local-server.js';
import { startLocalServer } from '../src/local-server.js';
import { loadFixture } from './fixtures.js';

// An OpenAI GA client, as an app written for OpenAI's realtime API uses it: the Agents SDK's
// RealtimeSession over its WebSocket transport, pointed at the local server with api-version=v1.

interface GaConversation {
  readonly session: RealtimeSession;
  /** Raw server events as the transport received them. */
  readonly events: { type: string; [key: string]: unknown }[];
  audioBytes: number;
  readonly toolCalls: string[];
}

function serverUrl(server: LocalServer, query = ''): string {
  return `${server.url.replace('http', 'ws')}/voice-live/realtime?api-version=v1&model=gpt-realtime${query}`;
}

async function connectGa(
  url: string,
  config: Partial<RealtimeSessionConfig> = {},
): Promise<GaConversation> {
  const toolCalls: string[] = [];
  const weather = tool({
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: z.object({ city: z.string() }),
    execute: ({ city }) => {
      toolCalls.push(city);
      return Promise.resolve(`It is sunny in ${city}.`);
    },
  });
  const agent = new RealtimeAgent({
    name: 'Assistant',
    instructions: 'Answer briefly.',
    tools: [weather],
  });
  const transport = new OpenAIRealtimeWebSocket({ url });
  const session = new RealtimeSession(agent, { transport, model: 'gpt-realtime', config });
  const conversation: GaConversation = { session, events: [], audioBytes: 0, toolCalls };
  session.on('audio', (event) => {
    conversation.audioBytes += event.data.byteLength;
  });
  session.transport.on('*', (event: { type: string }) => conversation.events.push(event));
  await session.connect({ apiKey: 'any-key', url });
  return conversation;
}

function typesOf(conversation: GaConversation): string[] {
  return conversation.events.map((event) => event.type);
}

function doneResponses(conversation: GaConversation): Record<string, unknown>[] {
  return conversation.events
    .filter((event) => event.type === 'response.done')
    .map((event) => event['response'] as Record<string, unknown>);
}

let server: LocalServer;
let realtimeServer: LocalServer;
const logged: { message: string; fields: Record<string, unknown> }[] = [];
beforeAll(async () => {
  const record = (message: string, fields: Record<string, unknown> = {}): void => {
    logged.push({ message, fields });
  };
  const logger = { debug: record, info: record, warn: record, error: record };
  server = await startLocalServer({ port: 0, pace: 'asap', responder: 'tts', seed: 21, logger });
  // Paced like the service, so that there is time to interrupt a response.
  realtimeServer = await startLocalServer({ port: 0, responder: 'tts', seed: 22 });
});
afterAll(async () => {
  await Promise.all([server.close(), realtimeServer.close()]);
});

describe('an OpenAI GA client (@openai/agents-realtime) on api-version=v1', () => {
  it('holds a spoken conversation: GA session, VAD turn, audio as response.output_audio.delta, transcripts', async () => {
    // Server VAD as the official SDK's test uses it; no input transcription (the offline
    // recogniser is slow on a loaded machine and not what this test is about).
    const ga = await connectGa(serverUrl(server), {
      audio: { input: { transcription: null, turnDetection: { type: 'server_vad' } } },
    });
    try {
      await eventually(() => typesOf(ga).includes('session.updated'), 'session.updated');
      const created = ga.events.find((event) => event.type === 'session.created');
      expect(created?.['session']).toMatchObject({
        type: 'realtime',
        object: 'realtime.session',
        output_modalities: ['audio'],
        audio: {
          input: { format: { type: 'audio/pcm', rate: 24000 } },
          output: { format: { type: 'audio/pcm' }, voice: 'alloy', voice_type: 'openai' },
        },
      });
      const { bytes } = await loadFixture('weather-24k.wav');
      const speech = bytes.subarray(0, 48 * 3400);
      for (let offset = 0; offset < speech.length; offset += 4800) {
        const chunk = speech.slice(offset, offset + 4800);
        ga.session.sendAudio(chunk.buffer);
      }
      const silence = new Uint8Array(4800);
      for (let i = 0; i < 20; i++) ga.session.sendAudio(silence.slice().buffer);
      await eventually(
        () => doneResponses(ga).some((response) => response['status'] === 'completed'),
        'a completed response',
        100_000,
      );
      const types = typesOf(ga);
      expect(types).toEqual(
        expect.arrayContaining([
          'input_audio_buffer.speech_started',
          'input_audio_buffer.speech_stopped',
          'input_audio_buffer.committed',
          'conversation.item.added',
          'conversation.item.done',
          'response.created',
          'response.output_item.added',
          'response.output_audio.delta',
          'response.output_audio_transcript.delta',
          'response.output_audio.done',
          'response.output_audio_transcript.done',
          'response.output_item.done',
          'response.done',
        ]),
      );
      // Nothing of the dated shape reaches a GA client.
      for (const dated of [
        'response.audio.delta',
        'response.audio_transcript.delta',
        'conversation.item.created',
      ]) {
        expect(types).not.toContain(dated);
      }
      // The SDK decoded and played the audio: 24 kHz pcm16, well over 100 ms of it.
      expect(ga.audioBytes).toBeGreaterThan(4800);
      const assistant = ga.session.history.find(
        (item) =>
          item.type === 'message' && item.role === 'assistant' && item.status === 'completed',
      );
      expect(JSON.stringify(assistant)).toMatch(/"transcript":"[^"]+"/);
      const completed = doneResponses(ga).find((response) => response['status'] === 'completed');
      expect(completed).toMatchObject({
        output_modalities: ['audio'],
        audio: { output: { voice: 'alloy' } },
      });
    } finally {
      ga.session.close();
    }
  }, 120_000);

  it('calls a function tool and speaks its output', async () => {
    const ga = await connectGa(serverUrl(server));
    try {
      await eventually(() => typesOf(ga).includes('session.updated'), 'session.updated');
      ga.session.sendMessage('What is the weather in Oslo?');
      await eventually(() => ga.toolCalls.length > 0, 'the tool call');
      expect(ga.toolCalls).toEqual(['Oslo']);
      // The SDK sends the output back; the server answers it with a spoken response.
      await eventually(
        () =>
          doneResponses(ga).filter((response) => response['status'] === 'completed').length >= 2,
        'the response to the function output',
        30_000,
      );
      const calls = ga.events.filter((e) => e.type === 'response.function_call_arguments.done');
      expect(calls[0]).toMatchObject({ name: 'get_weather', arguments: '{"city":"Oslo"}' });
      expect(ga.audioBytes).toBeGreaterThan(0);
      const transcripts = ga.events
        .filter((e) => e.type === 'response.output_audio_transcript.done')
        .map((e) => e['transcript']);
      expect(transcripts.at(-1)).toMatch(/sunny|Oslo/i);
    } finally {
      ga.session.close();
    }
  }, 60_000);

  it('answers text-only: response.output_text.*, no audio', async () => {
    const ga = await connectGa(serverUrl(server), { outputModalities: ['text'] });
    try {
      await eventually(() => typesOf(ga).includes('session.updated'), 'session.updated');
      ga.session.sendMessage('Hello there.');
      await eventually(() => doneResponses(ga).length > 0, 'response.done', 30_000);
      const types = typesOf(ga);
      expect(types).toContain('response.output_text.delta');
      expect(types).toContain('response.output_text.done');
      expect(types).not.toContain('response.output_audio.delta');
      expect(doneResponses(ga)[0]).toMatchObject({
        status: 'completed',
        output_modalities: ['text'],
      });
      expect(ga.audioBytes).toBe(0);
    } finally {
      ga.session.close();
    }
  }, 60_000);

  it('interrupts: the SDK cancels and truncates, the server confirms both', async () => {
    const ga = await connectGa(serverUrl(realtimeServer));
    try {
      await eventually(() => typesOf(ga).includes('session.updated'), 'session.updated');
      ga.session.sendMessage('Tell me a long story about the sea and the mountains.');
      await eventually(() => ga.audioBytes > 9600, 'some audio', 30_000);
      ga.session.interrupt();
      await eventually(() => doneResponses(ga).length > 0, 'response.done');
      expect(doneResponses(ga)[0]).toMatchObject({
        status: 'cancelled',
        status_details: { type: 'cancelled', reason: 'client_cancelled' },
      });
      await eventually(() => typesOf(ga).includes('conversation.item.truncated'), 'truncated');
      const truncated = ga.events.find((e) => e.type === 'conversation.item.truncated');
      expect(truncated?.['audio_end_ms']).toBeGreaterThanOrEqual(0);
    } finally {
      ga.session.close();
    }
  }, 60_000);
});

describe('v1 handshake rules', () => {
  it('refuses credentials in the query on v1 with 401, before the upgrade', async () => {
    const query = { 'api-version': 'v1', model: 'gpt-realtime', 'api-key': 'k1' };
    const { status, body } = await refusedUpgrade(server.url, { query });
    expect(status).toBe(401);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'Unauthorized' } });
    expect(body).toMatch(/headers only/);
    // The same connection with the key in a header is accepted.
    const client = await connectVoiceLiveClient(server.url, {
      query: { 'api-version': 'v1', model: 'gpt-realtime' },
      headers: { 'api-key': 'k1' },
    });
    expect((await client.next('session.created')).session).toMatchObject({ type: 'realtime' });
    await client.close();
  });

  it('accepts VoiceLive-Features and records it in its log', async () => {
    const client = await connectVoiceLiveClient(server.url, {
      query: { 'api-version': 'v1', model: 'gpt-realtime' },
      headers: { 'VoiceLive-Features': 'Transcription=V1Preview, BargeIn=V1Preview' },
    });
    expect((await client.next('session.created')).session).toMatchObject({ type: 'realtime' });
    await client.close();
    const opened = logged.filter((entry) => entry.message === 'session opened').at(-1);
    expect(opened?.fields).toMatchObject({
      dialect: 'v1',
      features: { BargeIn: 'V1Preview', Transcription: 'V1Preview' },
    });
  });
});
