/* eslint-disable @typescript-eslint/no-unsafe-argument -- test frames are untyped JSON */
import { alawEncode, mulawDecode, samplesToPcm16 } from '@voxd/audio';
import { connectVoiceLiveClient } from '@voxd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LocalServer } from '../src/local-server.js';
import { startLocalServer } from '../src/local-server.js';
import { byteAppends, loadFixture } from './fixtures.js';
import { expectAudioResponse, responseEvents } from './sequences.js';

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ port: 0, pace: 'asap', responder: 'echo', seed: 9 });
});
afterAll(() => server.close());

interface InputCase {
  readonly name: string;
  readonly session: Record<string, unknown>;
  readonly bytes: () => Promise<Uint8Array>;
  readonly bytesPerMs: number;
  /** End of the first spoken segment of the fixture, and where to stop sending. */
  readonly speechEndMs: number;
  readonly sendMs: number;
}

const phone = async (): Promise<Uint8Array> => (await loadFixture('phone-8k-ulaw.wav')).bytes;
const inputs: InputCase[] = [
  {
    name: 'pcm16 24 kHz',
    session: {},
    bytes: async () => (await loadFixture('weather-24k.wav')).bytes,
    bytesPerMs: 48,
    speechEndMs: 2697,
    sendMs: 3400,
  },
  {
    name: 'pcm16 16 kHz',
    session: { input_audio_sampling_rate: 16000 },
    bytes: async () => (await loadFixture('booking-16k.wav')).bytes,
    bytesPerMs: 32,
    speechEndMs: 2760,
    sendMs: 3900,
  },
  {
    name: 'pcm16 8 kHz',
    session: { input_audio_sampling_rate: 8000 },
    bytes: async () => samplesToPcm16(mulawDecode(await phone())),
    bytesPerMs: 16,
    speechEndMs: 2380,
    sendMs: 3300,
  },
  {
    name: 'g711_ulaw',
    session: { input_audio_format: 'g711_ulaw' },
    bytes: phone,
    bytesPerMs: 8,
    speechEndMs: 2380,
    sendMs: 3300,
  },
  {
    name: 'g711_alaw',
    session: { input_audio_format: 'g711_alaw' },
    bytes: async () => alawEncode(mulawDecode(await phone())),
    bytesPerMs: 8,
    speechEndMs: 2380,
    sendMs: 3300,
  },
];

describe('input audio formats', () => {
  for (const input of inputs) {
    it(`detects a turn in ${input.name} and echoes it as pcm16 24 kHz`, async () => {
      const bytes = await input.bytes();
      const client = await connectVoiceLiveClient(server.url);
      await client.next('session.created');
      client.send({ type: 'session.update', session: input.session });
      await client.next('session.updated');
      for (const audio of byteAppends(
        bytes.subarray(0, input.bytesPerMs * input.sendMs),
        input.bytesPerMs,
      )) {
        client.send({ type: 'input_audio_buffer.append', audio });
      }
      const stopped = await client.next('input_audio_buffer.speech_stopped');
      expect(stopped.audio_end_ms).toBeGreaterThan(input.speechEndMs);
      const started = client.events.find((e) => e.type === 'input_audio_buffer.speech_started');
      const done = await client.next('response.done');
      const { audio } = expectAudioResponse(responseEvents(client.events, done.response.id), {
        bytesPerSample: 2,
        sampleRate: 24000,
      });
      // The echo is the committed turn: from audio_start_ms to audio_end_ms, at 24 kHz.
      const turnMs = stopped.audio_end_ms - started.audio_start_ms;
      expect(Math.abs(audio.length / 48 - turnMs)).toBeLessThan(40);
      await client.close();
    });
  }
});

describe('output audio formats', () => {
  const outputs = [
    { format: 'g711_ulaw', bytesPerSample: 1, sampleRate: 8000 },
    { format: 'g711_alaw', bytesPerSample: 1, sampleRate: 8000 },
    { format: 'pcm16_16000hz', bytesPerSample: 2, sampleRate: 16000 },
    { format: 'pcm16', bytesPerSample: 2, sampleRate: 24000 },
  ];
  for (const output of outputs) {
    it(`streams ${output.format} deltas of whole samples (session and per-response override)`, async () => {
      await using tone = await startLocalServer({ port: 0, pace: 'asap', responder: 'tone' });
      const client = await connectVoiceLiveClient(tone.url);
      await client.next('session.created');
      client.send({ type: 'session.update', session: { output_audio_format: output.format } });
      await client.next('session.updated');
      client.send({ type: 'response.create' });
      const done = await client.next('response.done');
      const { audio } = expectAudioResponse(
        responseEvents(client.events, done.response.id),
        output,
      );
      expect(done.response.output_audio_format).toBe(output.format);
      // The tone responder plays one second.
      expect(audio.length).toBe(output.sampleRate * output.bytesPerSample);
      client.send({ type: 'session.update', session: { output_audio_format: 'pcm16' } });
      await client.next('session.updated');
      client.send({ type: 'response.create', response: { output_audio_format: output.format } });
      const again = await client.next('response.done');
      expect(
        expectAudioResponse(responseEvents(client.events, again.response.id), output).audio.length,
      ).toBe(audio.length);
      await client.close();
    });
  }
});
