import type { SessionCloseReason, SessionEvent } from '@voxd/core';
import type { Observable, Subscription } from 'rxjs';
import { createBargeInMatcher } from './bargein-matcher.js';
import type { VoiceMetrics } from './create-voice-metrics.js';
import { OTHER_LABEL } from './label-bounds.js';
import { MetricsError } from './metrics-error.js';

/** Labels of one instrumented session. Only bounded values: never a session or call id. */
export interface SessionLabels {
  /** The agent's name from its config. */
  readonly agent: string;
}

const OUTCOMES: readonly SessionCloseReason[] = [
  'closed',
  'source-ended',
  'transport-closed',
  'error',
];

/** Non-negative finite milliseconds → seconds; anything else is not recorded. */
function seconds(ms: number | undefined): number | undefined {
  return ms !== undefined && Number.isFinite(ms) && ms >= 0 ? ms / 1000 : undefined;
}

function codeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    if (typeof code === 'string') return code;
  }
  return OTHER_LABEL;
}

/** The agents whose series exist already, per metrics object (see {@link presentAtZero}). */
const presentAgents = new WeakMap<VoiceMetrics, Set<string>>();

/**
 * Makes the agent's fixed series exist at 0, so rate() and absent() see zeros rather than nothing.
 * Once per agent and metrics object, never again: prom-client's `Histogram.zero()` resets the
 * buckets, sum and count of a label set that exists, so calling it per session would wipe what the
 * agent's earlier and concurrent sessions observed (Prometheus reads that as a counter reset).
 */
function presentAtZero(m: VoiceMetrics, agent: string): void {
  let agents = presentAgents.get(m);
  if (agents === undefined) {
    agents = new Set();
    presentAgents.set(m, agents);
  }
  if (agents.has(agent)) return;
  agents.add(agent);
  m.turnsTotal.inc({ agent }, 0);
  m.interruptionsTotal.inc({ agent }, 0);
  m.unknownEventsTotal.inc({ agent }, 0);
  m.audioSecondsTotal.inc({ agent, direction: 'in' }, 0);
  m.audioSecondsTotal.inc({ agent, direction: 'out' }, 0);
  for (const outcome of OUTCOMES) m.sessionsTotal.inc({ agent, outcome }, 0);
  m.sessionsActive.inc({ agent }, 0);
  m.turnLatencySeconds.zero({ agent });
  m.responseFirstAudioSeconds.zero({ agent });
  m.bargeinFlushSeconds.zero({ agent });
}

/**
 * Observes one session's events and updates `metrics`. The session counts as active from its
 * first event until `session.closed`, an error or completion of `events$`, or unsubscribing the
 * returned subscription, whichever comes first; then `voxd_sessions_total` counts it once with the
 * close reason as outcome (`closed` if it ended without a `session.closed`, `error` if `events$`
 * errored). A stream that errors before any event counts as an `error` outcome without touching
 * the gauge. Events after that are ignored.
 */
export function instrumentSession(
  events$: Observable<SessionEvent>,
  metrics: VoiceMetrics,
  labels: SessionLabels,
): Subscription {
  const { agent } = labels;
  if (typeof agent !== 'string' || agent === '') {
    throw new MetricsError(
      'E_METRICS_INVALID_OPTION',
      'instrumentSession: labels.agent must be a non-empty string (the agent name)',
    );
  }
  const m = metrics;
  const bounds = m.labelBounds;
  const bargeIns = createBargeInMatcher();
  let phase: 'idle' | 'active' | 'ended' = 'idle';
  let fatalErrorSeen = false;

  presentAtZero(m, agent);

  const end = (outcome: SessionCloseReason): void => {
    const was = phase;
    phase = 'ended';
    if (was === 'active') {
      m.sessionsActive.dec({ agent });
      m.sessionsTotal.inc({ agent, outcome });
    } else if (was === 'idle' && outcome === 'error') {
      // A session that failed before its first event (bad options, a throwing source factory)
      // still ended in an error; it was never active, so the gauge stays as it is.
      m.sessionsTotal.inc({ agent, outcome });
    }
  };

  const observeFlush = (flushMs: number): void => {
    const s = seconds(flushMs);
    if (s !== undefined) m.bargeinFlushSeconds.observe({ agent }, s);
  };

  const observe = (event: SessionEvent): void => {
    switch (event.type) {
      case 'input.audio': {
        const s = seconds(event.durationMs);
        if (s !== undefined) m.audioSecondsTotal.inc({ agent, direction: 'in' }, s);
        return;
      }
      case 'response.audio': {
        const s = seconds(event.durationMs);
        if (s !== undefined) m.audioSecondsTotal.inc({ agent, direction: 'out' }, s);
        return;
      }
      case 'response.audio.first': {
        const turn = seconds(event.sinceSpeechStoppedMs);
        if (turn !== undefined) m.turnLatencySeconds.observe({ agent }, turn);
        const first = seconds(event.sinceResponseStartedMs);
        if (first !== undefined) m.responseFirstAudioSeconds.observe({ agent }, first);
        return;
      }
      case 'turn.committed':
        m.turnsTotal.inc({ agent });
        return;
      case 'turn.interrupted':
        m.interruptionsTotal.inc({ agent });
        for (const flushMs of bargeIns.turnInterrupted(event.responseIds)) observeFlush(flushMs);
        return;
      case 'playback.interrupted': {
        const flushMs = bargeIns.playbackInterrupted(event.responseId, event.flushLatencyMs);
        if (flushMs !== undefined) observeFlush(flushMs);
        return;
      }
      case 'tool.result': {
        const tool = bounds.tool(event.name);
        const outcome = event.timedOut ? 'timeout' : event.ok ? 'ok' : 'error';
        m.toolCallsTotal.inc({ agent, tool, outcome });
        const s = seconds(event.durationMs);
        if (s !== undefined) m.toolCallSeconds.observe({ agent, tool }, s);
        return;
      }
      case 'tool.dropped':
        // A call cut by barge-in: never run, so no duration; counted so cut tools show up.
        m.toolCallsTotal.inc({ agent, tool: bounds.tool(event.name), outcome: 'dropped' });
        return;
      case 'session.reconnecting':
        bargeIns.reset();
        m.transportReconnectsTotal.inc({ agent, reason: bounds.reconnectReason(event.reason) });
        return;
      case 'session.error':
        if (!event.recoverable) fatalErrorSeen = true;
        m.errorsTotal.inc({ agent, code: bounds.errorCode(event.code) });
        return;
      case 'server.unknown':
        m.unknownEventsTotal.inc({ agent });
        return;
      case 'session.closed':
        end(event.reason);
        return;
      default:
        return;
    }
  };

  const subscription = events$.subscribe({
    next(event) {
      if (phase === 'ended') return;
      if (phase === 'idle') {
        phase = 'active';
        m.sessionsActive.inc({ agent });
      }
      observe(event);
    },
    error(error: unknown) {
      // A fatal error is reported as a `session.error` first; count only one that was not.
      if (!fatalErrorSeen && phase !== 'ended') {
        m.errorsTotal.inc({ agent, code: bounds.errorCode(codeOf(error)) });
      }
      end('error');
    },
    complete: () => end('closed'),
  });
  subscription.add(() => end('closed'));
  return subscription;
}
