import type { MonoTypeOperatorFunction, SchedulerLike } from 'rxjs';
import { retry, throwError, timer } from 'rxjs';

import { backoffDelayMs } from './backoff-delay.js';
import type { ResolvedReconnectOptions } from './backoff-delay.js';
import { TransportError } from './transport-error.js';

export interface ReconnectHooks {
  /** Called before waiting `delayMs` for retry number `attempt`. */
  readonly onRetry: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/**
 * Resubscribes to the source after a retryable `TransportError`, waiting a capped exponential
 * backoff. Non-retryable errors pass through at once. After `maxAttempts` failed retries the error
 * becomes `E_TRANSPORT_RETRIES_EXHAUSTED` (cause: the last failure). The count restarts whenever the
 * source emits, so each successful connection gets the full budget again. With `maxAttempts: 0`
 * the first failure passes through unchanged.
 */
export function reconnectWithBackoff<T>(
  options: ResolvedReconnectOptions,
  hooks: ReconnectHooks,
  scheduler: SchedulerLike,
): MonoTypeOperatorFunction<T> {
  return retry<T>({
    resetOnSuccess: true,
    delay: (error: unknown, attempt: number) => {
      if (!(error instanceof TransportError) || !error.retryable) {
        return throwError(() => error);
      }
      // With reconnect off the caller gets the failure itself, not a wrapper around it.
      if (options.maxAttempts === 0) return throwError(() => error);
      if (attempt > options.maxAttempts) {
        return throwError(
          () =>
            new TransportError(
              'E_TRANSPORT_RETRIES_EXHAUSTED',
              `gave up after ${options.maxAttempts} reconnect attempts; last error: ${error.message}`,
              { cause: error },
            ),
        );
      }
      const delayMs = backoffDelayMs(attempt, options);
      hooks.onRetry({ attempt, delayMs, error });
      return timer(delayMs, scheduler);
    },
  });
}
