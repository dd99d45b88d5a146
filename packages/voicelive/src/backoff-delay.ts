import type { ReconnectOptions } from './voice-live-options.js';

/** Reconnect options with every default filled in. */
export type ResolvedReconnectOptions = Required<ReconnectOptions>;

export const DEFAULT_RECONNECT: ResolvedReconnectOptions = {
  maxAttempts: 5,
  initialDelayMs: 500,
  maxDelayMs: 10_000,
  jitter: 0.2,
};

/**
 * Delay before retry number `attempt` (1-based): `initialDelayMs · 2^(attempt-1)`, capped at
 * `maxDelayMs`, then reduced by up to `jitter` of itself at random.
 */
export function backoffDelayMs(
  attempt: number,
  options: ResolvedReconnectOptions,
  random: () => number = Math.random,
): number {
  const exponential = options.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(options.maxDelayMs, exponential);
  const jitter = Math.min(1, Math.max(0, options.jitter));
  return Math.round(capped * (1 - jitter * random()));
}
