// Whole sessions over real loopback sockets: the real Voice Live transport, the embedded local
// server, WAV files in and out. These are the runtime's end-to-end guarantees (issue: session
// runtime): multi-turn conversations, barge-in truncation at the played position, tool calls.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parseWavHeader, pcm16ToSamples, rmsLevel } from '@voxd/audio';
import type {
  AudioSink,
  AudioSource,
  PluginContext,
  SessionEvent,
  SessionPlugin,
} from '@voxd/core';
import { createSession } from '@voxd/core';
import { createWavSink, createWavSource, sessionInputAudio } from '@voxd/io-wav';
import { startLocalServer } from '@voxd/local-server';
import type { LocalServerOptions } from '@voxd/local-server';
import type { SessionConfig } from '@voxd/protocol';
import { createVoiceLiveTransport } from '@voxd/voicelive';
import { asyncScheduler, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';

import { FIXTURES, tempDir } from './cli-harness.js';

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

function context(baseDir: string): PluginContext {
  return { agentName: 'it', baseDir, scheduler: asyncScheduler, logger: silentLogger };
}

interface Conversation {
  readonly events: readonly SessionEvent[];
  readonly wavPath: string;
}

async function converse(options: {
  readonly dir: string;
  readonly server?: Partial<LocalServerOptions>;
  readonly input: string;
  readonly realtime: boolean;
  readonly session?: SessionConfig;
  readonly plugins?: readonly SessionPlugin[];
}): Promise<Conversation> {
  await using server = await startLocalServer({
    port: 0,
    apiKeys: ['test-key'],
    pace: options.realtime ? 'realtime' : 'asap',
    firstAudioMs: 0,
    seed: 7,
    ...options.server,
  });
  const ctx = context(options.dir);
  const pace = options.realtime ? 'realtime' : 'asap';
  const source: AudioSource = createWavSource(
    { path: join(FIXTURES, options.input), pace, trailingSilenceMs: 1500 },
    ctx,
  );
  const wavPath = join(options.dir, 'assistant.wav');
  const sink: AudioSink = createWavSink({ path: wavPath, pace }, ctx);
  const session = createSession({
    transport: createVoiceLiveTransport({
      endpoint: server.url,
      target: { model: 'gpt-realtime' },
      auth: { type: 'api-key', key: 'test-key' },
    }),
    session: {
      instructions: 'Answer briefly.',
      turn_detection: {
        type: 'server_vad',
        threshold: 0.5,
        prefix_padding_ms: 300,
        silence_duration_ms: 500,
      },
      ...options.session,
      ...sessionInputAudio(source.format),
    },
    source,
    sink,
    plugins: options.plugins ?? [],
    endWhenSourceCompletes: true,
  });
  const events = await lastValueFrom(session.events$.pipe(toArray()));
  return { events, wavPath };
}

function ofType<TType extends SessionEvent['type']>(
  events: readonly SessionEvent[],
  type: TType,
): Extract<SessionEvent, { type: TType }>[] {
  return events.filter((e): e is Extract<SessionEvent, { type: TType }> => e.type === type);
}

async function wavDurationMs(path: string): Promise<{ durationMs: number; dbfs: number }> {
  const bytes = new Uint8Array(await readFile(path));
  const info = parseWavHeader(bytes);
  expect(info.declaredDataLength).toBe(info.dataLength);
  const samples = pcm16ToSamples(
    bytes.subarray(info.dataOffset, info.dataOffset + info.dataLength),
  );
  return { durationMs: info.durationMs, dbfs: rmsLevel(samples).dbfs };
}

describe('sessions end to end (transport + local server + WAV)', () => {
  it('holds a multi-turn conversation from a 16 kHz WAV and records the replies', async () => {
    await using dir = await tempDir();
    const { events, wavPath } = await converse({
      dir: dir.path,
      input: 'booking-16k.wav',
      realtime: false,
    });

    expect(ofType(events, 'session.error')).toEqual([]);
    expect(ofType(events, 'turn.ended')).toHaveLength(2); // two sentences, 1.5 s apart
    expect(ofType(events, 'response.started').length).toBeGreaterThanOrEqual(2);
    expect(events.at(-1)).toMatchObject({ type: 'session.closed', reason: 'source-ended' });
    const recording = await wavDurationMs(wavPath);
    expect(recording.durationMs).toBeGreaterThan(1000);
    expect(recording.dbfs).toBeGreaterThan(-40);
  });

  it('barge-in truncates at the position the sink really played; no cancelled audio is recorded', async () => {
    await using dir = await tempDir();
    // Real time on both sides: the user's long second sentence starts while the reply plays.
    const { events, wavPath } = await converse({
      dir: dir.path,
      input: 'weather-24k.wav',
      realtime: true,
    });

    const interrupted = ofType(events, 'playback.interrupted');
    const truncations = ofType(events, 'turn.interrupted').flatMap((e) => e.truncations);
    expect(interrupted.length).toBeGreaterThanOrEqual(1);
    expect(truncations).toHaveLength(interrupted.length);
    for (const cut of interrupted) {
      const truncation = truncations.find((t) => t.itemId === cut.itemId);
      expect(truncation?.audioEndMs).toBe(Math.floor(cut.playedMs));
      expect(cut.playedMs).toBeLessThan(cut.receivedMs);
    }
    // The server confirmed each truncation at the same position.
    const confirmed = ofType(events, 'server.event')
      .map((e) => e.event)
      .filter((e) => e.type === 'conversation.item.truncated');
    expect(confirmed.map((e) => e.audio_end_ms)).toEqual(truncations.map((t) => t.audioEndMs));

    // What is in the file is exactly what was played: finished items in full, interrupted items
    // up to the truncation. Anything of a cancelled response written after the flush would make
    // the file longer than this account.
    const finished = ofType(events, 'playback.finished');
    const receivedMs = (itemId: string): number =>
      ofType(events, 'response.audio')
        .filter((a) => a.itemId === itemId)
        .reduce((sum, a) => sum + a.durationMs, 0);
    for (const done of finished) expect(done.playedMs).toBeCloseTo(receivedMs(done.itemId), 0);
    const finishedMs = finished.reduce((sum, e) => sum + e.playedMs, 0);
    const { durationMs } = await wavDurationMs(wavPath);
    const playedOfInterruptedMs = durationMs - finishedMs;
    const truncatedMs = truncations.reduce((sum, t) => sum + t.audioEndMs, 0);
    expect(Math.abs(playedOfInterruptedMs - truncatedMs)).toBeLessThanOrEqual(20);
  });

  it('runs a tool call round trip: handler output goes back to the model, which speaks it', async () => {
    await using dir = await tempDir();
    const calls: unknown[] = [];
    const weather: SessionPlugin = {
      name: 'weather',
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather for a city',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
          },
          handler: (args) => {
            calls.push(args);
            return Promise.resolve({ temp_c: 7, sky: 'cloudy' });
          },
        },
      ],
    };
    const { events } = await converse({
      dir: dir.path,
      input: 'weather-24k.wav',
      // Real time, so the second sentence does not barge in on the first call's response.
      realtime: true,
      session: { tool_choice: 'required' },
      plugins: [weather],
      server: { responder: 'tts' },
    });

    const results = ofType(events, 'tool.result');
    expect(results.length).toBeGreaterThanOrEqual(1);
    for (const result of results)
      expect(result).toMatchObject({ name: 'get_weather', ok: true, timedOut: false });
    expect(JSON.parse(results[0]!.output)).toEqual({ temp_c: 7, sky: 'cloudy' });
    expect(calls[0]).toMatchObject({ city: expect.any(String) as unknown });
    expect(ofType(events, 'response.requested').map((e) => e.reason)).toContain('tool-outputs');
    const spoken = ofType(events, 'transcript.assistant')
      .filter((t) => t.final)
      .map((t) => t.text);
    expect(spoken.join(' ')).toMatch(/7|cloudy/);
  });

  it('reconnects after the server drops the socket, re-establishes the session and goes on', async () => {
    await using dir = await tempDir();
    // Every server session is cut (no close frame) after its 12th event: mid-conversation.
    const { events } = await converse({
      dir: dir.path,
      input: 'weather-24k.wav',
      realtime: true,
      server: { faults: { dropAfterEvents: 12 } },
    });

    const reconnected = ofType(events, 'session.reconnected');
    expect(reconnected.length).toBeGreaterThanOrEqual(1);
    const ready = ofType(events, 'session.ready').map((e) => e.sessionId);
    // Each reconnect is a new server session, set up again with the agent's session.
    expect(new Set([...ready, ...reconnected.map((e) => e.sessionId)]).size).toBe(
      1 + reconnected.length,
    );
    expect(ofType(events, 'session.error').filter((e) => !e.recoverable)).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'session.closed', reason: 'source-ended' });
  });
});
