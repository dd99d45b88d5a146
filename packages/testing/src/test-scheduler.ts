import { TestScheduler } from 'rxjs/testing';
import { expect } from 'vitest';

/**
 * A `TestScheduler` that compares with Vitest's `toEqual`, for marble tests.
 *
 * @example
 * testScheduler().run(({ cold, expectObservable }) => {
 *   expectObservable(cold('a-b|').pipe(map(double))).toBe('x-y|', { x: 2, y: 4 });
 * });
 */
export function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => {
    expect(actual).toEqual(expected);
  });
}
