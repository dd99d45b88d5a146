import type { Observable } from 'rxjs';
import { catchError, of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';

import { reconnectWithBackoff } from '../src/reconnect-with-backoff.js';
import { TransportError } from '../src/transport-error.js';

const options = { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 15, jitter: 0 };
const drop = new TransportError('E_TRANSPORT_CLOSED', 'dropped', { retryable: true });
const auth = new TransportError('E_TRANSPORT_AUTH', 'HTTP 401');

/** Ends the stream with the error's code as a value, so marbles can compare it. */
function codeOnError<T>(source: Observable<T>): Observable<T | string> {
  return source.pipe(catchError((error: TransportError) => of(`${error.code}<${error.message}>`)));
}

function run(
  body: (helpers: Parameters<Parameters<TestScheduler['run']>[0]>[0], test: TestScheduler) => void,
): void {
  const test = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  test.run((helpers) => body(helpers, test));
}

describe('reconnectWithBackoff', () => {
  it('retries after 10 ms, then 15 ms (capped), then gives up with RETRIES_EXHAUSTED', () => {
    run(({ cold, expectObservable, expectSubscriptions }, test) => {
      const source = cold<string>('#', undefined, drop);
      const retries: { attempt: number; delayMs: number }[] = [];
      const result = codeOnError(
        source.pipe(
          reconnectWithBackoff(
            options,
            { onRetry: ({ attempt, delayMs }) => retries.push({ attempt, delayMs }) },
            test,
          ),
        ),
      );
      expectObservable(result).toBe('25ms (x|)', {
        x: 'E_TRANSPORT_RETRIES_EXHAUSTED<gave up after 2 reconnect attempts; last error: dropped>',
      });
      expectSubscriptions(source.subscriptions).toBe(['(^!)', '10ms (^!)', '25ms (^!)']);
      test.flush();
      expect(retries).toEqual([
        { attempt: 1, delayMs: 10 },
        { attempt: 2, delayMs: 15 },
      ]);
    });
  });

  it('passes a non-retryable error through at once', () => {
    run(({ cold, expectObservable, expectSubscriptions }, test) => {
      const source = cold<string>('a#', undefined, auth);
      const result = codeOnError(
        source.pipe(reconnectWithBackoff(options, { onRetry: () => undefined }, test)),
      );
      expectObservable(result).toBe('a(x|)', { a: 'a', x: 'E_TRANSPORT_AUTH<HTTP 401>' });
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });

  it('gives the full budget back after every success', () => {
    run(({ cold, expectObservable }, test) => {
      const source = cold<string>('a#', undefined, drop);
      const attempts: number[] = [];
      const result = source.pipe(
        reconnectWithBackoff(options, { onRetry: ({ attempt }) => attempts.push(attempt) }, test),
      );
      expectObservable(result, '^ 50ms !').toBe('a 10ms a 10ms a 10ms a 10ms a');
      test.flush();
      expect(attempts).toEqual([1, 1, 1, 1, 1]);
    });
  });

  it('with maxAttempts 0 hands over the failure itself', () => {
    run(({ cold, expectObservable }, test) => {
      const source = cold<string>('#', undefined, drop);
      const result = codeOnError(
        source.pipe(
          reconnectWithBackoff({ ...options, maxAttempts: 0 }, { onRetry: () => undefined }, test),
        ),
      );
      expectObservable(result).toBe('(x|)', { x: 'E_TRANSPORT_CLOSED<dropped>' });
    });
  });
});
