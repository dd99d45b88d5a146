import type { AgentConfig } from '@voxd/config';

/** When the daemon starts a new session of a WAV agent after one ended. */
export type RestartPolicy = 'never' | 'on-failure' | 'always';

/** How the daemon runs one agent: the agent file's optional `daemon:` block, with defaults. */
export interface DaemonSettings {
  readonly restart: RestartPolicy;
  /** First delay before a restart; doubles per consecutive failure up to `restartMaxDelayMs`. */
  readonly restartDelayMs: number;
  readonly restartMaxDelayMs: number;
  /** Concurrent sessions of a gateway agent (a WAV agent runs one at a time). */
  readonly maxSessions: number;
  /** A session with no event (WAV) or no client frame (gateway) for this long is closed; 0: off. */
  readonly idleTimeoutMs: number;
  /**
   * Sessions are recycled (closed, and a WAV agent's restarted) after this long: below the
   * service's own ~30-minute session limit, so a session never dies mid-turn from it; 0: off.
   */
  readonly maxSessionDurationMs: number;
}

/**
 * `always`: the default agent plays its question again and again, so a fresh `npm start` keeps
 * demonstrating (and keeps the metrics moving) instead of going quiet after one session.
 */
export const DEFAULT_DAEMON_SETTINGS: DaemonSettings = Object.freeze({
  restart: 'always',
  restartDelayMs: 1000,
  restartMaxDelayMs: 30_000,
  maxSessions: 100,
  idleTimeoutMs: 300_000,
  maxSessionDurationMs: 25 * 60_000,
});

/** The settings of `config`: its validated `daemon:` block over {@link DEFAULT_DAEMON_SETTINGS}. */
export function daemonSettingsOf(config: AgentConfig): DaemonSettings {
  const block = config.daemon ?? {};
  const d = DEFAULT_DAEMON_SETTINGS;
  return {
    restart: block.restart ?? d.restart,
    restartDelayMs: block.restart_delay_ms ?? d.restartDelayMs,
    restartMaxDelayMs: block.restart_max_delay_ms ?? d.restartMaxDelayMs,
    maxSessions: block.max_sessions ?? d.maxSessions,
    idleTimeoutMs: block.idle_timeout_ms ?? d.idleTimeoutMs,
    maxSessionDurationMs: block.max_session_duration_ms ?? d.maxSessionDurationMs,
  };
}

/** The delay before the next session after `failures` consecutive failed sessions (0: clean end). */
export function restartDelayMs(settings: DaemonSettings, failures: number): number {
  if (failures <= 0) return settings.restartDelayMs;
  return Math.min(
    settings.restartMaxDelayMs,
    settings.restartDelayMs * 2 ** Math.min(failures - 1, 20),
  );
}
