// Counters and histogram series must only go up for the life of the process: Prometheus reads any
// decrease as a counter reset and loses what was observed since its last scrape. Sessions of one
// agent start and end all the time (a WAV agent restarts, gateway clients come and go), so every
// way a session can start or end is run here, one after another and side by side, with a scrape
// after each step compared against the one before.
import type { SessionEvent } from '@voxd/core';
import { VoxdError } from '@voxd/errors';
import { from, Subject, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';

import { createVoiceMetrics } from '../src/create-voice-metrics.js';
import type { VoiceMetrics } from '../src/create-voice-metrics.js';
import { instrumentSession } from '../src/instrument-session.js';
import { metricsText } from '../src/metrics-text.js';
import { fullTurn, sessionError, timeline } from './events.js';
import { parseExposition, typesOf, valueOf } from './exposition.js';
import type { Sample } from './exposition.js';

const key = (s: Sample) => `${s.name}${JSON.stringify(s.labels)}`;

/** Scrapes and remembers every counter and histogram sample; collects any that went down or vanished. */
function watcher(metrics: VoiceMetrics) {
  let last = new Map<string, number>();
  const problems: string[] = [];
  let scrapes = 0;
  return {
    problems,
    scrapes: () => scrapes,
    async scrape(step: string): Promise<Sample[]> {
      const text = (await metricsText(metrics)).body;
      const types = typesOf(text);
      const samples = parseExposition(text);
      const now = new Map<string, number>();
      for (const s of samples) {
        const family = s.name.replace(/_(bucket|sum|count)$/, '');
        const type = types.get(s.name) ?? types.get(family);
        if (type === 'counter' || type === 'histogram') now.set(key(s), s.value);
      }
      for (const [series, before] of last) {
        const after = now.get(series);
        if (after === undefined) problems.push(`${step}: ${series} vanished (was ${before})`);
        else if (after < before) problems.push(`${step}: ${series} ${before} → ${after}`);
      }
      last = now;
      scrapes += 1;
      return samples;
    },
  };
}

const turns = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) =>
    fullTurn(`${prefix}${i}`, { turnMs: 420, firstAudioMs: 150 }),
  ).flat();

describe('series stay monotonic across sessions', () => {
  it('never lowers or drops a counter or histogram series when sessions of an agent start and end', async () => {
    const metrics = createVoiceMetrics();
    const watch = watcher(metrics);
    const A = { agent: 'restarting' };

    // A WAV agent that restarts: sessions one after another, each with two turns.
    for (let run = 0; run < 3; run++) {
      instrumentSession(
        from(
          timeline([
            { type: 'session.connecting' },
            ...turns(2, `wav${run}_`),
            { type: 'session.closed', reason: 'source-ended' },
          ]),
        ),
        metrics,
        A,
      );
      await watch.scrape(`restart ${run}`);
    }

    // Two gateway clients side by side: the second joins while the first is mid-session.
    const first$ = new Subject<SessionEvent>();
    const second$ = new Subject<SessionEvent>();
    instrumentSession(first$, metrics, A);
    for (const event of timeline([{ type: 'session.connecting' }, ...turns(1, 'c1_')]))
      first$.next(event);
    await watch.scrape('client 1 mid-session');
    const secondSubscription = instrumentSession(second$, metrics, A);
    await watch.scrape('client 2 joined');
    for (const event of timeline([{ type: 'session.connecting' }, ...turns(1, 'c2_')]))
      second$.next(event);
    await watch.scrape('client 2 turned');
    first$.next({ type: 'session.closed', reason: 'transport-closed', atMs: 9_000 });
    await watch.scrape('client 1 left');
    secondSubscription.unsubscribe(); // the gateway drops a session without a close event
    await watch.scrape('client 2 unsubscribed');

    // Sessions that fail: before their first event, mid-session with a fatal error, and a
    // session that reconnects and reports errors, tool calls and unknown events.
    instrumentSession(
      throwError(() => new VoxdError('E_SOURCE_FAILED', 'file gone')),
      metrics,
      A,
    );
    await watch.scrape('failed before first event');
    const failing$ = new Subject<SessionEvent>();
    instrumentSession(failing$, metrics, A);
    for (const event of timeline([
      { type: 'session.connecting' },
      ...turns(1, 'f_'),
      {
        type: 'session.reconnecting',
        attempt: 1,
        reason: 'the service closed the socket with 1006',
        delayMs: 10,
      },
      {
        type: 'tool.result',
        responseId: 'f_0',
        callId: 'c',
        name: 'lookup',
        durationMs: 30,
        ok: true,
        output: '',
        timedOut: false,
      },
      { type: 'server.unknown', eventType: 'x.y', raw: {} },
      sessionError('E_SERVER_ERROR', false),
    ]))
      failing$.next(event);
    failing$.error(new VoxdError('E_SERVER_ERROR', 'fatal'));
    await watch.scrape('failed mid-session');

    // Another agent's sessions do not touch this one's series.
    instrumentSession(
      from(timeline([{ type: 'session.connecting' }, ...turns(1, 'other_')])),
      metrics,
      { agent: 'other' },
    );
    // And this agent starts once more after all that.
    instrumentSession(
      from(
        timeline([
          { type: 'session.connecting' },
          ...turns(1, 'last_'),
          { type: 'session.closed', reason: 'closed' },
        ]),
      ),
      metrics,
      A,
    );
    const s = await watch.scrape('last session');

    expect(watch.problems).toEqual([]);
    // 3 × 2 WAV turns, one per client, one in the failed session, one last: 10 turns, and every
    // one of them is in the latency histograms (all 0.42 s and 0.15 s).
    expect(valueOf(s, 'voxd_turns_total', A)).toBe(10);
    expect(valueOf(s, 'voxd_turn_latency_seconds_count', A)).toBe(10);
    expect(valueOf(s, 'voxd_turn_latency_seconds_sum', A)).toBeCloseTo(4.2, 9);
    expect(valueOf(s, 'voxd_response_first_audio_seconds_count', A)).toBe(10);
    expect(valueOf(s, 'voxd_response_first_audio_seconds_sum', A)).toBeCloseTo(1.5, 9);
    expect(valueOf(s, 'voxd_turn_latency_seconds_count', { agent: 'other' })).toBe(1);
    expect(valueOf(s, 'voxd_errors_total', { ...A, code: 'E_SOURCE_FAILED' })).toBe(1);
    expect(valueOf(s, 'voxd_sessions_total', { ...A, outcome: 'error' })).toBe(2);
    expect(valueOf(s, 'voxd_sessions_active', A)).toBe(0);
    expect(watch.scrapes()).toBe(11);
  });

  it('makes a new agent’s series present at 0 before its first observation', async () => {
    const metrics = createVoiceMetrics();
    instrumentSession(new Subject<SessionEvent>(), metrics, { agent: 'fresh' });
    const text = (await metricsText(metrics)).body;
    const s = parseExposition(text);
    const A = { agent: 'fresh' };
    expect(valueOf(s, 'voxd_turns_total', A)).toBe(0);
    for (const histogram of [
      'voxd_turn_latency_seconds',
      'voxd_response_first_audio_seconds',
      'voxd_bargein_flush_seconds',
    ]) {
      expect(valueOf(s, `${histogram}_count`, A)).toBe(0);
      expect(valueOf(s, `${histogram}_sum`, A)).toBe(0);
    }
  });
});
