/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- test frames are untyped JSON */
// Noisy speech through the real local server over a socket: the turns a client sees
// (speech_started / speech_stopped) hold the bound of issue 8 §4 for each noise type.
import { connectVoiceLiveClient, loadNoisyFixtures, pcm16Bytes } from '@voxd/testing';
import type { SpeechFixture } from '@voxd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LocalServer } from '../src/local-server.js';
import { startLocalServer } from '../src/local-server.js';
import { byteAppends } from './fixtures.js';
import { boundViolations } from './vad-bounds.js';

const PREFIX_PADDING_MS = 300;
const SILENCE_DURATION_MS = 500;
const CASES = [
  'booking-16k+white@10dB',
  'booking-16k+pink@10dB',
  'weather-24k+pink@15dB',
  'booking-16k+babble@10dB',
  'barge-in-24k+babble@10dB',
];

// The optional Silero engine (`vad: 'silero'`, `--vad silero`): steady noise, down to 5 dB.
const SILERO_CASES = ['booking-16k+white@5dB', 'phone-8k-ulaw+pink@10dB'];

let server: LocalServer;
let sileroServer: LocalServer;
const fixtures = new Map<string, SpeechFixture>();
beforeAll(async () => {
  server = await startLocalServer({ port: 0, pace: 'asap', responder: 'echo', seed: 1 });
  sileroServer = await startLocalServer({
    port: 0,
    pace: 'asap',
    responder: 'echo',
    seed: 1,
    vad: 'silero',
  });
  for (const f of await loadNoisyFixtures()) fixtures.set(f.name, f);
}, 120_000);
afterAll(async () => {
  await server.close();
  await sileroServer.close();
});

describe('local server VAD on speech in noise, over a socket', () => {
  it.each(CASES)('energy, %s: one turn per true segment, within the bound', async (id) => {
    await expectTurnsWithinBound(server, id);
  });

  it.each(SILERO_CASES)('silero, %s: one turn per true segment, within the bound', async (id) => {
    await expectTurnsWithinBound(sileroServer, id);
  });

  it('refuses an unknown vad option', async () => {
    await expect(startLocalServer({ port: 0, vad: 'webrtc' as 'energy' })).rejects.toMatchObject({
      code: 'E_LOCAL_SERVER_OPTIONS',
      message: expect.stringContaining("vad must be 'energy' or 'silero'"),
    });
  });
});

async function expectTurnsWithinBound(target: LocalServer, id: string): Promise<void> {
  const f = fixtures.get(id);
  if (!f) throw new Error(`noisy fixture ${id} not made`);
  const client = await connectVoiceLiveClient(target.url);
  await client.next('session.created');
  client.send({
    type: 'session.update',
    session: {
      input_audio_format: 'pcm16',
      input_audio_sampling_rate: 16000,
      turn_detection: {
        type: 'server_vad',
        threshold: 0.5,
        prefix_padding_ms: PREFIX_PADDING_MS,
        silence_duration_ms: SILENCE_DURATION_MS,
        create_response: false,
      },
    },
  });
  await client.next('session.updated');
  for (const audio of byteAppends(pcm16Bytes(f.samples16k), 32)) {
    client.send({ type: 'input_audio_buffer.append', audio });
  }
  // The server handles events in order: once this update is answered, every append was run
  // through the VAD and its events are in.
  client.send({ type: 'session.update', session: {} });
  await client.next('session.updated');
  const turns = [];
  let startMs: number | undefined;
  for (const event of client.events) {
    if (event.type === 'input_audio_buffer.speech_started') {
      // audio_start_ms is the onset less the prefix padding (clamped at 0).
      startMs = Number(event.audio_start_ms) + PREFIX_PADDING_MS;
    } else if (event.type === 'input_audio_buffer.speech_stopped' && startMs !== undefined) {
      turns.push({ speechStartMs: startMs, audioEndMs: Number(event.audio_end_ms) });
      startMs = undefined;
    }
  }
  expect(boundViolations(turns, f.segments, SILENCE_DURATION_MS)).toEqual([]);
  // Each turn was committed as a user item, and nothing was answered (create_response false).
  expect(client.types().filter((t) => t === 'input_audio_buffer.committed')).toHaveLength(
    f.segments.length,
  );
  expect(client.types()).not.toContain('response.created');
  await client.close();
}
