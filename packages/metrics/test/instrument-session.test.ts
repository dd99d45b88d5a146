import { from } from 'rxjs';
import { describe, expect, it } from 'vitest';

import { createVoiceMetrics } from '../src/create-voice-metrics.js';
import type { VoiceMetrics } from '../src/create-voice-metrics.js';
import { instrumentSession } from '../src/instrument-session.js';
import { KNOWN_ERROR_CODES } from '../src/label-bounds.js';
import { metricsText } from '../src/metrics-text.js';
import { fullTurn, sessionError, timeline } from './events.js';
import { buckets, parseExposition, select, valueOf } from './exposition.js';
import type { Sample } from './exposition.js';

const A = { agent: 'concierge' };

async function scrape(metrics: VoiceMetrics): Promise<Sample[]> {
  return parseExposition((await metricsText(metrics)).body);
}

function fresh(): VoiceMetrics {
  return createVoiceMetrics();
}

describe('instrumentSession', () => {
  it('records a full turn: latencies in seconds, audio seconds, the turn and the outcome', async () => {
    const metrics = fresh();
    const events = timeline([
      { type: 'session.connecting' },
      ...fullTurn('resp_1', { turnMs: 420, firstAudioMs: 180 }),
      { type: 'input.ended', sentMs: 200 },
      { type: 'session.closed', reason: 'source-ended' },
    ]);
    instrumentSession(from(events), metrics, A);
    const s = await scrape(metrics);

    expect(valueOf(s, 'voxd_turns_total', A)).toBe(1);
    expect(buckets(s, 'voxd_turn_latency_seconds', A)).toEqual({
      '0.01': 0,
      '0.025': 0,
      '0.05': 0,
      '0.1': 0,
      '0.15': 0,
      '0.2': 0,
      '0.3': 0,
      '0.5': 1,
      '0.75': 1,
      '1': 1,
      '1.5': 1,
      '2': 1,
      '3': 1,
      '5': 1,
      '10': 1,
      '+Inf': 1,
    });
    expect(valueOf(s, 'voxd_turn_latency_seconds_sum', A)).toBeCloseTo(0.42, 9);
    expect(valueOf(s, 'voxd_turn_latency_seconds_count', A)).toBe(1);
    const first = buckets(s, 'voxd_response_first_audio_seconds', A);
    expect([first['0.15'], first['0.2'], first['+Inf']]).toEqual([0, 1, 1]);
    expect(valueOf(s, 'voxd_response_first_audio_seconds_sum', A)).toBeCloseTo(0.18, 9);
    expect(valueOf(s, 'voxd_audio_seconds_total', { ...A, direction: 'in' })).toBeCloseTo(0.2, 9);
    expect(valueOf(s, 'voxd_audio_seconds_total', { ...A, direction: 'out' })).toBeCloseTo(0.3, 9);
    expect(valueOf(s, 'voxd_sessions_total', { ...A, outcome: 'source-ended' })).toBe(1);
    for (const outcome of ['closed', 'transport-closed', 'error']) {
      expect(valueOf(s, 'voxd_sessions_total', { ...A, outcome })).toBe(0);
    }
    expect(valueOf(s, 'voxd_sessions_active', A)).toBe(0);
    expect(valueOf(s, 'voxd_interruptions_total', A)).toBe(0);
    expect(valueOf(s, 'voxd_bargein_flush_seconds_count', A)).toBe(0);
    expect(select(s, 'voxd_errors_total')).toEqual([]);
  });

  it('counts turns and latencies across several turns of one session', async () => {
    const metrics = fresh();
    const latencies = [
      { turnMs: 90, firstAudioMs: 40 },
      { turnMs: 650, firstAudioMs: 260 },
      { turnMs: 4000, firstAudioMs: 2500 },
    ];
    instrumentSession(
      from(
        timeline([
          ...latencies.flatMap((l, i) => fullTurn(`resp_${i}`, l)),
          { type: 'session.closed', reason: 'closed' },
        ]),
      ),
      metrics,
      A,
    );
    const s = await scrape(metrics);
    expect(valueOf(s, 'voxd_turns_total', A)).toBe(3);
    const turn = buckets(s, 'voxd_turn_latency_seconds', A);
    expect([turn['0.05'], turn['0.1'], turn['0.5'], turn['0.75'], turn['3'], turn['5']]).toEqual([
      0, 1, 1, 2, 2, 3,
    ]);
    expect(valueOf(s, 'voxd_turn_latency_seconds_sum', A)).toBeCloseTo(4.74, 9);
    expect(valueOf(s, 'voxd_response_first_audio_seconds_sum', A)).toBeCloseTo(2.8, 9);
    expect(valueOf(s, 'voxd_audio_seconds_total', { ...A, direction: 'out' })).toBeCloseTo(0.9, 9);
    expect(valueOf(s, 'voxd_sessions_total', { ...A, outcome: 'closed' })).toBe(1);
  });

  it('skips the turn latency of a response without VAD (no speech stopped) but keeps first audio', async () => {
    const metrics = fresh();
    instrumentSession(
      from(
        timeline([
          { type: 'response.requested', reason: 'input-ended' },
          { type: 'response.started', responseId: 'r' },
          {
            type: 'response.audio.first',
            responseId: 'r',
            itemId: 'i',
            sinceSpeechStoppedMs: undefined,
            sinceResponseStartedMs: 75,
          },
        ]),
      ),
      metrics,
      A,
    );
    const s = await scrape(metrics);
    expect(valueOf(s, 'voxd_turn_latency_seconds_count', A)).toBe(0);
    expect(valueOf(s, 'voxd_response_first_audio_seconds_count', A)).toBe(1);
    expect(valueOf(s, 'voxd_response_first_audio_seconds_sum', A)).toBeCloseTo(0.075, 9);
  });

  it('records a barge-in flush once, in either event order, and not the flush of a close', async () => {
    const metrics = fresh();
    const bargeIn = (responseId: string, flushLatencyMs: number) => ({
      playback: {
        type: 'playback.interrupted',
        responseId,
        itemId: `${responseId}_item`,
        playedMs: 120,
        receivedMs: 300,
        flushLatencyMs,
      } as const,
      turn: {
        type: 'turn.interrupted',
        responseIds: [responseId],
        cancelSent: true,
        truncations: [{ itemId: `${responseId}_item`, audioEndMs: 120 }],
      } as const,
    });
    const first = bargeIn('resp_1', 35);
    const second = bargeIn('resp_2', 180);
    instrumentSession(
      from(
        timeline([
          { type: 'turn.started', itemId: 'u1', audioStartMs: 0 },
          first.playback, // core's order: the sink flushes inside the barge-in, then reports it
          first.turn,
          { type: 'turn.started', itemId: 'u2', audioStartMs: 900 },
          second.turn, // the reverse order is matched too
          second.playback,
          // a barge-in on a response that was not playing yet: an interruption without a flush
          { type: 'turn.interrupted', responseIds: ['resp_3'], cancelSent: true, truncations: [] },
          // closing during playback stops it with a 0 ms "flush": not a barge-in
          {
            type: 'playback.interrupted',
            responseId: 'resp_4',
            itemId: 'resp_4_item',
            playedMs: 10,
            receivedMs: 100,
            flushLatencyMs: 0,
          },
          { type: 'session.closed', reason: 'closed' },
        ]),
      ),
      metrics,
      A,
    );
    const s = await scrape(metrics);
    expect(valueOf(s, 'voxd_interruptions_total', A)).toBe(3);
    expect(valueOf(s, 'voxd_bargein_flush_seconds_count', A)).toBe(2);
    expect(valueOf(s, 'voxd_bargein_flush_seconds_sum', A)).toBeCloseTo(0.215, 9);
    const flush = buckets(s, 'voxd_bargein_flush_seconds', A);
    expect([flush['0.025'], flush['0.05'], flush['0.15'], flush['0.2'], flush['+Inf']]).toEqual([
      0, 1, 1, 2, 2,
    ]);
  });

  it('counts tool calls by tool and outcome and observes their run time', async () => {
    const metrics = fresh();
    const result = (name: string, durationMs: number, ok: boolean, timedOut = false) =>
      ({
        type: 'tool.result',
        responseId: 'r',
        callId: `c_${name}_${durationMs}`,
        name,
        durationMs,
        ok,
        output: '{}',
        timedOut,
      }) as const;
    instrumentSession(
      from(
        timeline([
          {
            type: 'tool.call',
            responseId: 'r',
            callId: 'c1',
            name: 'get_weather',
            arguments: { city: 'Oslo' },
          },
          result('get_weather', 250, true),
          result('get_weather', 1200, true),
          result('get_weather', 40, false),
          result('book_table', 5000, false, true),
          {
            type: 'tool.dropped',
            responseId: 'r2',
            callId: 'c9',
            name: 'book_table',
            reason: 'response-cancelled',
            argumentsJson: '{"par',
          },
          { type: 'response.requested', reason: 'tool-outputs' },
        ]),
      ),
      metrics,
      A,
    );
    const s = await scrape(metrics);
    const calls = (tool: string, outcome: string) =>
      valueOf(s, 'voxd_tool_calls_total', { ...A, tool, outcome });
    expect([
      calls('get_weather', 'ok'),
      calls('get_weather', 'error'),
      calls('book_table', 'timeout'),
      calls('book_table', 'dropped'),
    ]).toEqual([2, 1, 1, 1]);
    expect(calls('book_table', 'ok')).toBeUndefined();
    const weather = buckets(s, 'voxd_tool_call_seconds', { ...A, tool: 'get_weather' });
    expect([
      weather['0.025'],
      weather['0.05'],
      weather['0.3'],
      weather['1'],
      weather['1.5'],
    ]).toEqual([0, 1, 2, 2, 3]);
    expect(valueOf(s, 'voxd_tool_call_seconds_sum', { ...A, tool: 'get_weather' })).toBeCloseTo(
      1.49,
      9,
    );
    expect(valueOf(s, 'voxd_tool_call_seconds_count', { ...A, tool: 'book_table' })).toBe(1);
    expect(valueOf(s, 'voxd_tool_call_seconds_sum', { ...A, tool: 'book_table' })).toBe(5);
  });

  it('keeps tool names bounded: invented or odd names beyond the cap count as other', async () => {
    const metrics = createVoiceMetrics({ labels: { maxToolLabels: 2 } });
    const names = ['a', 'b', 'c', 'd', 'a', 'name with spaces'];
    instrumentSession(
      from(
        timeline(
          names.map(
            (name, i) =>
              ({
                type: 'tool.result',
                responseId: 'r',
                callId: `c${i}`,
                name,
                durationMs: 10,
                ok: true,
                output: '',
                timedOut: false,
              }) as const,
          ),
        ),
      ),
      metrics,
      A,
    );
    const s = await scrape(metrics);
    const tools = select(s, 'voxd_tool_calls_total').map((x) => [x.labels['tool'], x.value]);
    expect(tools).toEqual([
      ['a', 2],
      ['b', 1],
      ['other', 3],
    ]);
  });

  it('maps free-text reconnect reasons onto a small label set', async () => {
    const metrics = fresh();
    const reasons = [
      'the service closed the socket with 1006 (going away)',
      'the service closed the socket with 1011',
      'cannot reach wss://voice.example.com:443/voice-live/realtime: connect ECONNREFUSED 10.1.2.3:443',
      'connect to wss://voice.example.com/voice-live/realtime timed out after 10000 ms',
      'no pong within 20000 ms',
      'Voice Live refused the WebSocket upgrade to wss://voice.example.com with HTTP 503: busy',
      'Voice Live refused the WebSocket upgrade to wss://voice.example.com with HTTP 429: rate limit',
      'the service sent a frame larger than maxFrameBytes (close 1009)',
      'Voice Live refused the WebSocket upgrade to wss://voice.example.com with HTTP 401: Unauthorized',
      'something nobody expected at 12:00:01 for session sess_8271',
    ];
    instrumentSession(
      from(
        timeline(
          reasons.map(
            (reason, i) =>
              ({ type: 'session.reconnecting', attempt: i + 1, reason, delayMs: 100 }) as const,
          ),
        ),
      ),
      metrics,
      A,
    );
    const s = await scrape(metrics);
    const byReason = Object.fromEntries(
      select(s, 'voxd_transport_reconnects_total').map((x) => [x.labels['reason'], x.value]),
    );
    expect(byReason).toEqual({
      'socket-closed': 2,
      unreachable: 1,
      timeout: 2,
      handshake: 1,
      'rate-limited': 1,
      'frame-too-large': 1,
      auth: 1,
      other: 1,
    });
  });

  it('keeps error codes bounded: known codes as they are, everything else as other', async () => {
    const metrics = fresh();
    const invented = Array.from({ length: 300 }, (_, i) => `weird_code_${i}`);
    const known = [
      'E_SERVER_ERROR',
      'E_MALFORMED_EVENT',
      'invalid_value',
      'E_TRANSPORT_TIMEOUT',
      'invalid_value',
    ];
    instrumentSession(
      from(timeline([...invented, ...known].map((code) => sessionError(code)))),
      metrics,
      A,
    );
    const s = await scrape(metrics);
    const errors = select(s, 'voxd_errors_total');
    const codes = errors.map((x) => x.labels['code'] ?? '');
    expect(codes.sort()).toEqual([
      'E_MALFORMED_EVENT',
      'E_SERVER_ERROR',
      'E_TRANSPORT_TIMEOUT',
      'invalid_value',
      'other',
    ]);
    expect(codes.every((code) => code === 'other' || KNOWN_ERROR_CODES.has(code))).toBe(true);
    expect(valueOf(s, 'voxd_errors_total', { ...A, code: 'other' })).toBe(300);
    expect(valueOf(s, 'voxd_errors_total', { ...A, code: 'invalid_value' })).toBe(2);
    expect(errors.reduce((sum, x) => sum + x.value, 0)).toBe(305);
  });

  it('accepts extra error codes through the options', async () => {
    const metrics = createVoiceMetrics({ labels: { errorCodes: ['E_CRM_DOWN'] } });
    instrumentSession(
      from(timeline([sessionError('E_CRM_DOWN'), sessionError('E_OTHER_THING')])),
      metrics,
      A,
    );
    const s = await scrape(metrics);
    expect(valueOf(s, 'voxd_errors_total', { ...A, code: 'E_CRM_DOWN' })).toBe(1);
    expect(valueOf(s, 'voxd_errors_total', { ...A, code: 'other' })).toBe(1);
  });

  it('counts unknown server events', async () => {
    const metrics = fresh();
    instrumentSession(
      from(
        timeline([
          {
            type: 'server.unknown',
            eventType: 'response.animation.delta',
            raw: { type: 'response.animation.delta' },
          },
          {
            type: 'server.unknown',
            eventType: 'session.avatar.connecting',
            raw: { type: 'session.avatar.connecting' },
          },
        ]),
      ),
      metrics,
      A,
    );
    const s = await scrape(metrics);
    expect(valueOf(s, 'voxd_unknown_events_total', A)).toBe(2);
    // the event type is not a label: it comes from the server and is unbounded
    expect(select(s, 'voxd_unknown_events_total').map((x) => Object.keys(x.labels))).toEqual([
      ['agent'],
    ]);
  });

  it('never labels anything with a session id', async () => {
    const metrics = fresh();
    instrumentSession(
      from(
        timeline([
          { type: 'session.reconnected', sessionId: 'sess_secret_1', reconnects: 1 },
          ...fullTurn('resp_secret', { turnMs: 100, firstAudioMs: 50 }),
          sessionError('E_SESSION_READY_TIMEOUT', false),
          { type: 'session.closed', reason: 'error' },
        ]),
      ),
      metrics,
      A,
    );
    const { body } = await metricsText(metrics);
    expect(body).not.toMatch(/secret|resp_|item|user_1/);
  });
});
