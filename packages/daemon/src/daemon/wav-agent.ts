import type { AgentEndpoint } from '@voxd/agent-runtime';
import { createAgentSession, createAgentTransport } from '@voxd/agent-runtime';
import type { AgentConfig } from '@voxd/config';
import type { Logger, PluginRegistry, Session, TurnState } from '@voxd/core';
import type { VoiceMetrics } from '@voxd/metrics';
import { instrumentSession } from '@voxd/metrics';
import { asyncScheduler, throwError } from 'rxjs';

import type { AgentRunner, AgentState, AgentStatus } from './agent-runner.js';
import { childLogger, errorFields } from './daemon-logger.js';
import type { DaemonSettings } from './daemon-settings.js';
import { restartDelayMs } from './daemon-settings.js';

/** Options of {@link startWavAgent}. */
export interface WavAgentOptions {
  readonly config: AgentConfig;
  readonly settings: DaemonSettings;
  readonly registry: PluginRegistry;
  readonly endpoint: AgentEndpoint;
  readonly metrics: VoiceMetrics;
  readonly logger: Logger;
}

/** Turn states in which nothing is in flight: a draining session may close now. */
const SETTLED: readonly TurnState[] = ['ready', 'closed', 'error'];

interface Outcome {
  readonly ok: boolean;
  readonly error?: unknown;
}

/**
 * Runs an agent whose source is a stream (a WAV file): one session at a time, a new one after each
 * end as its restart policy says (`always`, `on-failure`: after a failure only, `never`), with a
 * backoff that doubles per consecutive failure. A failed session is logged and counted; the agent
 * goes on.
 */
export function startWavAgent(options: WavAgentOptions): AgentRunner {
  const { config, settings, metrics } = options;
  const agent = config.name;
  const log = childLogger(options.logger, { agent });
  let state: AgentState = 'starting';
  let stopping = false;
  let started = 0;
  let failed = 0;
  let restarts = 0;
  let lastError: string | undefined;
  /** The current session is created upstream and configured (`session.ready` seen, not ended). */
  let sessionUp = false;
  /** Consecutive failed sessions (0: the last one ended well). */
  let failures = 0;
  let current: { session: Session; settled: () => boolean; done: Promise<Outcome> } | undefined;
  let wakeUp: (() => void) | undefined;

  const runOne = (index: number): Promise<Outcome> => {
    const sessionLog = childLogger(log, { session: `${agent}#${index}` });
    let session: Session;
    try {
      session = createAgentSession({
        config,
        registry: options.registry,
        ctx: {
          agentName: agent,
          baseDir: config.baseDir,
          scheduler: asyncScheduler,
          logger: sessionLog,
        },
        transport: createAgentTransport(config, options.endpoint, sessionLog),
      });
    } catch (error) {
      // Metered like a session that failed before its first event: the error by its code and
      // the session's `error` outcome, so voxd_errors_total sees it too.
      instrumentSession(
        throwError(() => error),
        metrics,
        { agent },
      );
      return Promise.resolve({ ok: false, error });
    }
    // Metrics first: they must see the session from its first event.
    instrumentSession(session.events$, metrics, { agent });
    let turn: TurnState = 'connecting';
    let idleTimer: NodeJS.Timeout | undefined;
    const armIdle = (): void => {
      if (settings.idleTimeoutMs <= 0) return;
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        sessionLog.warn({ idleTimeoutMs: settings.idleTimeoutMs }, 'session idle: closing');
        void session.close();
      }, settings.idleTimeoutMs);
    };
    const recycle =
      settings.maxSessionDurationMs > 0
        ? setTimeout(() => {
            sessionLog.info(
              { maxSessionDurationMs: settings.maxSessionDurationMs },
              'session reached its maximum duration: recycling',
            );
            void session.close();
          }, settings.maxSessionDurationMs)
        : undefined;
    const done = new Promise<Outcome>((resolve) => {
      session.events$.subscribe({
        next: (event) => {
          armIdle();
          if (event.type === 'session.ready') {
            sessionUp = true;
            state = stopping ? state : 'running';
            sessionLog.info({ sessionId: event.sessionId }, 'session ready');
          } else if (event.type === 'session.error' && event.recoverable) {
            sessionLog.warn({ code: event.code, err: event.message }, 'session error (recovered)');
          } else if (event.type === 'session.reconnected') {
            sessionUp = true;
          } else if (event.type === 'session.reconnecting') {
            sessionUp = false;
            sessionLog.warn(
              { attempt: event.attempt, reason: event.reason },
              'session reconnecting',
            );
          } else if (event.type === 'session.closed') {
            sessionLog.info({ reason: event.reason }, 'session closed');
          }
        },
        error: (error: unknown) => resolve({ ok: false, error }),
        complete: () => resolve({ ok: true }),
      });
    }).finally(() => {
      sessionUp = false;
      clearTimeout(idleTimer);
      clearTimeout(recycle);
    });
    session.state$.subscribe((value) => (turn = value));
    current = { session, settled: () => SETTLED.includes(turn), done };
    return done;
  };

  const loop = async (): Promise<void> => {
    for (;;) {
      started += 1;
      const outcome = await runOne(started);
      current = undefined;
      if (outcome.ok) failures = 0;
      else {
        failures += 1;
        failed += 1;
        lastError = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
        log.error({ ...errorFields(outcome.error), failures }, 'session failed');
      }
      if (stopping) return;
      const again =
        settings.restart === 'always' || (settings.restart === 'on-failure' && !outcome.ok);
      if (!again) {
        state = outcome.ok ? 'done' : 'failed';
        log.info({ restart: settings.restart, state }, 'agent finished');
        return;
      }
      const delayMs = restartDelayMs(settings, failures);
      state = 'restarting';
      log.info({ delayMs, failures }, 'restarting session');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = undefined;
      if (stopping) return;
      restarts += 1;
    }
  };
  const running = loop().catch((error: unknown) => {
    state = 'failed';
    lastError = error instanceof Error ? error.message : String(error);
    log.error(errorFields(error), 'agent loop failed');
  });

  let stopped: Promise<void> | undefined;
  const stop = async (deadlineMs: number): Promise<void> => {
    stopping = true;
    state = 'draining';
    wakeUp?.();
    const inFlight = current;
    if (inFlight !== undefined) {
      // Let the response in flight finish (or the deadline pass), then close: the sink finalises.
      while (!inFlight.settled() && Date.now() < deadlineMs) {
        const settled = await Promise.race([
          inFlight.done.then(() => true),
          new Promise<false>((resolve) => setTimeout(() => resolve(false), 50)),
        ]);
        if (settled) break;
      }
      await inFlight.session.close().catch(() => undefined);
    }
    await running;
    state = 'stopped';
  };

  return {
    config,
    status: (): AgentStatus => ({
      name: agent,
      file: config.file,
      kind: 'wav',
      state,
      activeSessions: current === undefined ? 0 : 1,
      sessionsStarted: started,
      sessionsFailed: failed,
      restarts,
      lastError,
    }),
    readiness: () => {
      if (sessionUp || state === 'done' || (state === 'restarting' && failures === 0))
        return { ready: true };
      if (state === 'starting' || state === 'running')
        return { ready: false, reason: 'session not up yet' };
      return {
        ready: false,
        reason: `state ${state}${lastError === undefined ? '' : `: ${lastError}`}`,
      };
    },
    stop: ({ deadlineMs }) => (stopped ??= stop(deadlineMs)),
  };
}
