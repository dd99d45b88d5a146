import { byteLengthForMs, PCM16_24K } from '@voxd/audio';
import { createSession } from '@voxd/core';
import type { ClientEvent } from '@voxd/protocol';
import {
  collectUntil,
  createMemorySink,
  createMemorySource,
  createScriptedTransport,
  serverEvents,
} from '@voxd/testing';
import type { ScriptedServer } from '@voxd/testing';
import { describe, expect, it } from 'vitest';

import { createVoiceMetrics } from '../src/create-voice-metrics.js';
import { instrumentSession } from '../src/instrument-session.js';
import { metricsText } from '../src/metrics-text.js';
import { parseExposition, valueOf } from './exposition.js';

const audio = (ms: number, fill: number) =>
  new Uint8Array(byteLengthForMs(PCM16_24K, ms)).fill(fill);

/** Hears 200 ms of user audio as one turn and answers with 3 × 100 ms; also sends odd events. */
function scriptedServer() {
  let receivedMs = 0;
  return (event: ClientEvent, server: ScriptedServer): void => {
    if (event.type !== 'input_audio_buffer.append') return;
    const before = receivedMs;
    receivedMs += (event.audio.length * 3) / 4 / 48;
    if (before === 0) {
      server.emit(serverEvents.speechStarted('item_U1', 0));
      server.emitUnknown('session.avatar.connecting', { type: 'session.avatar.connecting' });
      server.emit(serverEvents.error({ message: 'bad value', code: 'invalid_value' }));
      server.emit(serverEvents.error({ message: 'made up', code: 'made_up_code_42' }));
    }
    if (before < 200 && receivedMs >= 200) {
      server.emit(serverEvents.speechStopped('item_U1', 200));
      server.emit(serverEvents.committed('item_U1'));
      server.emit(serverEvents.responseCreated('resp_1'));
      for (let i = 0; i < 3; i++)
        server.emit(serverEvents.audioDelta('resp_1', 'item_A1', audio(100, i + 1)));
      server.emit(serverEvents.audioDone('resp_1', 'item_A1'));
      server.emit(serverEvents.responseDone('resp_1'));
    }
  };
}

describe('instrumentSession on a real core session', () => {
  it('meters what createSession reports for a whole WAV-in/WAV-out turn', async () => {
    const metrics = createVoiceMetrics();
    const session = createSession({
      transport: createScriptedTransport({ handshake: true, respond: scriptedServer() }),
      session: {},
      source: createMemorySource({ format: PCM16_24K, audio: audio(200, 7), frameMs: 20 }),
      sink: createMemorySink({ format: PCM16_24K, pace: 'asap' }),
      endWhenSourceCompletes: true,
      endGraceMs: 5,
    });
    // Subscribe the observer first: the session starts on the first subscription and emits
    // its first events at once.
    const subscription = instrumentSession(session.events$, metrics, { agent: 'real' });
    const events = await collectUntil(session.events$, 'session.closed');
    expect(events.at(-1)).toMatchObject({ type: 'session.closed', reason: 'source-ended' });

    const s = parseExposition((await metricsText(metrics)).body);
    const A = { agent: 'real' };
    expect(valueOf(s, 'voxd_audio_seconds_total', { ...A, direction: 'in' })).toBeCloseTo(0.2, 9);
    expect(valueOf(s, 'voxd_audio_seconds_total', { ...A, direction: 'out' })).toBeCloseTo(0.3, 9);
    expect(valueOf(s, 'voxd_turns_total', A)).toBe(1);
    expect(valueOf(s, 'voxd_turn_latency_seconds_count', A)).toBe(1);
    expect(valueOf(s, 'voxd_response_first_audio_seconds_count', A)).toBe(1);
    // Latencies come from the session's clock: bounded, never negative, in seconds (not ms).
    expect(valueOf(s, 'voxd_turn_latency_seconds_sum', A)).toBeGreaterThanOrEqual(0);
    expect(valueOf(s, 'voxd_turn_latency_seconds_sum', A)).toBeLessThan(10);
    expect(valueOf(s, 'voxd_unknown_events_total', A)).toBe(1);
    expect(valueOf(s, 'voxd_errors_total', { ...A, code: 'invalid_value' })).toBe(1);
    expect(valueOf(s, 'voxd_errors_total', { ...A, code: 'other' })).toBe(1);
    expect(valueOf(s, 'voxd_interruptions_total', A)).toBe(0);
    expect(valueOf(s, 'voxd_sessions_total', { ...A, outcome: 'source-ended' })).toBe(1);
    expect(valueOf(s, 'voxd_sessions_active', A)).toBe(0);
    expect(subscription.closed).toBe(true);
  });
});
