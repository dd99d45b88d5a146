// The barge-in flush histogram fed by a real session that is barged in: the real Voice Live
// transport, the local server at real-time pace, a WAV source and a WAV sink that plays in real
// time. The user's second sentence of weather-24k.wav starts while the first answer plays.
import { join } from 'node:path';

import type { SessionEvent } from '@voxd/core';
import { createSession } from '@voxd/core';
import { createWavSink, createWavSource, sessionInputAudio } from '@voxd/io-wav';
import { startLocalServer } from '@voxd/local-server';
import { createVoiceMetrics, instrumentSession, metricsText } from '@voxd/metrics';
import { createVoiceLiveTransport } from '@voxd/voicelive';
import { asyncScheduler, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';

import { FIXTURES, tempDir } from './cli-harness.js';
import { sample } from './daemon-harness.js';

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

function ofType<TType extends SessionEvent['type']>(
  events: readonly SessionEvent[],
  type: TType,
): Extract<SessionEvent, { type: TType }>[] {
  return events.filter((e): e is Extract<SessionEvent, { type: TType }> => e.type === type);
}

describe('voxd_bargein_flush_seconds from a real barged-in session', () => {
  it('observes the flush latency of every playback a barge-in cut, and nothing else', async () => {
    await using dir = await tempDir();
    await using server = await startLocalServer({
      port: 0,
      apiKeys: ['test-key'],
      pace: 'realtime',
      // Echo answers at once with the user's own 2.4 s sentence: still playing when the second
      // sentence starts 1.2 s after the first ends, however slow the machine's speech synthesis.
      responder: 'echo',
      firstAudioMs: 0,
      seed: 7,
    });
    const ctx = { agentName: 'barged', baseDir: dir.path, scheduler: asyncScheduler };
    const source = createWavSource(
      { path: join(FIXTURES, 'weather-24k.wav'), pace: 'realtime', trailingSilenceMs: 1500 },
      { ...ctx, logger: silentLogger },
    );
    const sink = createWavSink(
      { path: join(dir.path, 'assistant.wav'), pace: 'realtime' },
      { ...ctx, logger: silentLogger },
    );
    const session = createSession({
      transport: createVoiceLiveTransport({
        endpoint: server.url,
        target: { model: 'gpt-realtime' },
        auth: { type: 'api-key', key: 'test-key' },
      }),
      session: {
        instructions: 'Answer briefly.',
        turn_detection: { type: 'server_vad', silence_duration_ms: 500 },
        ...sessionInputAudio(source.format),
      },
      source,
      sink,
      endWhenSourceCompletes: true,
    });
    const metrics = createVoiceMetrics();
    // The observer first, as the daemon does: it must see the session from its first event.
    instrumentSession(session.events$, metrics, { agent: 'barged' });
    const events = await lastValueFrom(session.events$.pipe(toArray()));

    const cutIds = new Set(ofType(events, 'turn.interrupted').flatMap((e) => e.responseIds));
    const flushes = ofType(events, 'playback.interrupted').filter((e) => cutIds.has(e.responseId));
    expect(flushes.length, 'the second sentence did not barge in').toBeGreaterThanOrEqual(1);
    for (const flush of flushes) {
      expect(flush.playedMs).toBeLessThan(flush.receivedMs);
      // From the user's speech_started to the sink's flush: a WAV sink flushes at once.
      expect(flush.flushLatencyMs).toBeGreaterThanOrEqual(0);
      expect(flush.flushLatencyMs).toBeLessThan(1000);
    }

    const text = (await metricsText(metrics)).body;
    const value = (series: string) => sample(text, series);
    expect(value('voxd_bargein_flush_seconds_count{agent="barged"}')).toBe(flushes.length);
    expect(value('voxd_bargein_flush_seconds_sum{agent="barged"}')).toBeCloseTo(
      flushes.reduce((sum, e) => sum + e.flushLatencyMs, 0) / 1000,
      9,
    );
    expect(value('voxd_interruptions_total{agent="barged"}')).toBe(
      ofType(events, 'turn.interrupted').length,
    );
    // Each cut playback lands in the bucket of its own latency: count the +Inf bucket and the
    // smallest bucket that holds every flush.
    const slowest = Math.max(...flushes.map((e) => e.flushLatencyMs / 1000));
    const le = [0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10].find(
      (bound) => bound >= slowest,
    );
    expect(value(`voxd_bargein_flush_seconds_bucket{le="${le ?? '+Inf'}",agent="barged"}`)).toBe(
      flushes.length,
    );
  }, 60_000);
});
