import type { AgentConfig } from '@voxd/config';

/**
 * - `starting`: its first session (WAV) or its listener (gateway) is being set up.
 * - `running`: a WAV session is open / a gateway accepts clients.
 * - `restarting`: a WAV session ended and the next one starts after a backoff.
 * - `done`: a WAV agent finished and its restart policy starts no other session.
 * - `failed`: the agent cannot serve (its listener failed, or its last session failed for good).
 * - `draining` / `stopped`: shutdown (or a reload replacing it).
 */
export type AgentState =
  'starting' | 'running' | 'restarting' | 'done' | 'failed' | 'draining' | 'stopped';

/** What `/agents` and the banner show about one agent. */
export interface AgentStatus {
  readonly name: string;
  readonly file: string;
  readonly kind: 'wav' | 'gateway' | 'none';
  readonly state: AgentState;
  readonly activeSessions: number;
  /** Sessions started so far (WAV: restarts + 1; gateway: clients accepted). */
  readonly sessionsStarted: number;
  readonly sessionsFailed: number;
  readonly restarts: number;
  readonly lastError: string | undefined;
  /** Where clients connect (gateway agents). */
  readonly url?: string | undefined;
  /** The random client key generated for a gateway without configured credentials. */
  readonly generatedKey?: string | undefined;
}

/** Whether an agent can serve, as far as it knows itself (`/readyz` adds an upstream probe). */
export interface RunnerReadiness {
  readonly ready: boolean;
  /** Why not, e.g. `first session not up yet`. */
  readonly reason?: string;
}

/** One agent run by the daemon. */
export interface AgentRunner {
  readonly config: AgentConfig;
  status(): AgentStatus;
  /**
   * A gateway is ready while it listens; a WAV agent while its session is up (created upstream and
   * configured), between sessions after one that ended well, and once it is `done`.
   */
  readiness(): RunnerReadiness;
  /**
   * Stops taking new sessions, lets responses in flight finish until `deadlineMs` (epoch ms), then
   * closes what remains (sinks finalised). Idempotent.
   */
  stop(options: { readonly deadlineMs: number }): Promise<void>;
}
