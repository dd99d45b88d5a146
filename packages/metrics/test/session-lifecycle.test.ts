import type { SessionEvent } from '@voxd/core';
import { VoxdError } from '@voxd/errors';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';

import { createVoiceMetrics } from '../src/create-voice-metrics.js';
import type { VoiceMetrics } from '../src/create-voice-metrics.js';
import { instrumentSession } from '../src/instrument-session.js';
import { metricsText } from '../src/metrics-text.js';
import { fullTurn, sessionError, timeline } from './events.js';
import { parseExposition, valueOf } from './exposition.js';

async function value(metrics: VoiceMetrics, name: string, labels: Record<string, string>) {
  return valueOf(parseExposition((await metricsText(metrics)).body), name, labels);
}

const active = (metrics: VoiceMetrics, agent: string) =>
  value(metrics, 'voxd_sessions_active', { agent });
const ended = (metrics: VoiceMetrics, agent: string, outcome: string) =>
  value(metrics, 'voxd_sessions_total', { agent, outcome });

const connecting: SessionEvent = { type: 'session.connecting', atMs: 0 };

describe('session lifecycle', () => {
  it('raises the active gauge on the first event and lowers it once on session.closed', async () => {
    const metrics = createVoiceMetrics();
    const events$ = new Subject<SessionEvent>();
    instrumentSession(events$, metrics, { agent: 'a' });
    expect(await active(metrics, 'a')).toBe(0);
    events$.next(connecting);
    expect(await active(metrics, 'a')).toBe(1);
    for (const event of timeline(fullTurn('r', { turnMs: 100, firstAudioMs: 50 })))
      events$.next(event);
    expect(await active(metrics, 'a')).toBe(1);
    events$.next({ type: 'session.closed', reason: 'transport-closed', atMs: 500 });
    expect(await active(metrics, 'a')).toBe(0);
    // nothing after the close counts, and completion does not count the session again
    events$.next({
      type: 'turn.committed',
      itemId: 'late',
      previousItemId: undefined,
      responseExpected: true,
      atMs: 600,
    });
    events$.complete();
    expect(await active(metrics, 'a')).toBe(0);
    expect(await ended(metrics, 'a', 'transport-closed')).toBe(1);
    expect(await ended(metrics, 'a', 'closed')).toBe(0);
    expect(await value(metrics, 'voxd_turns_total', { agent: 'a' })).toBe(1);
  });

  it('lowers the gauge once when unsubscribed mid-session and counts the session as closed', async () => {
    const metrics = createVoiceMetrics();
    const first$ = new Subject<SessionEvent>();
    const second$ = new Subject<SessionEvent>();
    const first = instrumentSession(first$, metrics, { agent: 'a' });
    const second = instrumentSession(second$, metrics, { agent: 'a' });
    first$.next(connecting);
    second$.next(connecting);
    expect(await active(metrics, 'a')).toBe(2);
    first.unsubscribe();
    expect(await active(metrics, 'a')).toBe(1);
    first.unsubscribe();
    first$.next({ type: 'session.closed', reason: 'closed', atMs: 10 });
    expect(await active(metrics, 'a')).toBe(1);
    expect(await ended(metrics, 'a', 'closed')).toBe(1);
    expect(first$.observed).toBe(false);
    second$.next({ type: 'session.closed', reason: 'source-ended', atMs: 20 });
    second.unsubscribe();
    expect(await active(metrics, 'a')).toBe(0);
    expect(await ended(metrics, 'a', 'closed')).toBe(1);
    expect(await ended(metrics, 'a', 'source-ended')).toBe(1);
  });

  it('does not touch the gauge for a session unsubscribed before its first event', async () => {
    const metrics = createVoiceMetrics();
    instrumentSession(new Subject<SessionEvent>(), metrics, { agent: 'a' }).unsubscribe();
    expect(await active(metrics, 'a')).toBe(0);
    expect(await ended(metrics, 'a', 'closed')).toBe(0);
  });

  it('ends a session whose events$ errors: outcome error, the fatal error counted once', async () => {
    const metrics = createVoiceMetrics();
    const reported$ = new Subject<SessionEvent>();
    instrumentSession(reported$, metrics, { agent: 'a' });
    reported$.next(connecting);
    reported$.next({ ...sessionError('E_SESSION_READY_TIMEOUT', false), atMs: 1 });
    reported$.next({ type: 'session.closed', reason: 'error', atMs: 2 });
    reported$.error(new VoxdError('E_SESSION_READY_TIMEOUT', 'no session.created within 30000 ms'));

    // A stream that errors without reporting the error first (a misbehaving tap) still counts it.
    const bare$ = new Subject<SessionEvent>();
    instrumentSession(bare$, metrics, { agent: 'a' });
    bare$.next(connecting);
    bare$.error(new VoxdError('E_TRANSPORT_AUTH', 'HTTP 401'));

    expect(await active(metrics, 'a')).toBe(0);
    expect(await ended(metrics, 'a', 'error')).toBe(2);
    expect(
      await value(metrics, 'voxd_errors_total', { agent: 'a', code: 'E_SESSION_READY_TIMEOUT' }),
    ).toBe(1);
    expect(
      await value(metrics, 'voxd_errors_total', { agent: 'a', code: 'E_TRANSPORT_AUTH' }),
    ).toBe(1);
  });

  it('counts a session that fails before its first event as an error, without the gauge', async () => {
    const metrics = createVoiceMetrics();
    const events$ = new Subject<SessionEvent>();
    instrumentSession(events$, metrics, { agent: 'a' });
    events$.error(new VoxdError('E_FORMAT_MISMATCH', 'source is 16 kHz, session 24 kHz'));
    expect(await active(metrics, 'a')).toBe(0);
    expect(await ended(metrics, 'a', 'error')).toBe(1);
    expect(
      await value(metrics, 'voxd_errors_total', { agent: 'a', code: 'E_FORMAT_MISMATCH' }),
    ).toBe(1);
  });

  it('counts a stream that completes without session.closed as closed', async () => {
    const metrics = createVoiceMetrics();
    const events$ = new Subject<SessionEvent>();
    instrumentSession(events$, metrics, { agent: 'a' });
    events$.next(connecting);
    events$.complete();
    expect(await active(metrics, 'a')).toBe(0);
    expect(await ended(metrics, 'a', 'closed')).toBe(1);
  });

  it('labels two agents separately on one registry', async () => {
    const metrics = createVoiceMetrics();
    const concierge$ = new Subject<SessionEvent>();
    const support$ = new Subject<SessionEvent>();
    instrumentSession(concierge$, metrics, { agent: 'concierge' });
    instrumentSession(support$, metrics, { agent: 'support' });
    for (const event of timeline(fullTurn('r1', { turnMs: 300, firstAudioMs: 100 })))
      concierge$.next(event);
    for (const event of timeline([
      ...fullTurn('r2', { turnMs: 700, firstAudioMs: 200 }),
      ...fullTurn('r3', { turnMs: 900, firstAudioMs: 200 }),
    ]))
      support$.next(event);
    support$.next({ type: 'session.closed', reason: 'closed', atMs: 999 });

    expect(await value(metrics, 'voxd_turns_total', { agent: 'concierge' })).toBe(1);
    expect(await value(metrics, 'voxd_turns_total', { agent: 'support' })).toBe(2);
    expect(
      await value(metrics, 'voxd_turn_latency_seconds_sum', { agent: 'concierge' }),
    ).toBeCloseTo(0.3, 9);
    expect(await value(metrics, 'voxd_turn_latency_seconds_sum', { agent: 'support' })).toBeCloseTo(
      1.6,
      9,
    );
    expect(await active(metrics, 'concierge')).toBe(1);
    expect(await active(metrics, 'support')).toBe(0);
    expect(await ended(metrics, 'support', 'closed')).toBe(1);
    expect(await ended(metrics, 'concierge', 'closed')).toBe(0);
  });

  it('refuses an empty agent label', () => {
    expect(() =>
      instrumentSession(new Subject<SessionEvent>(), createVoiceMetrics(), { agent: '' }),
    ).toThrow(expect.objectContaining({ code: 'E_METRICS_INVALID_OPTION' }) as Error);
  });
});
