import { describe, expect, it } from 'vitest';

import { backoffDelayMs } from '../src/backoff-delay.js';

const options = { maxAttempts: 10, initialDelayMs: 100, maxDelayMs: 1_000, jitter: 0 };

describe('backoffDelayMs', () => {
  it('doubles from the initial delay and caps at maxDelayMs', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(attempt, options));
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('takes off at most the jitter fraction', () => {
    const jittered = { ...options, jitter: 0.5 };
    expect(backoffDelayMs(3, jittered, () => 0)).toBe(400);
    expect(backoffDelayMs(3, jittered, () => 0.999_999)).toBe(200);
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelayMs(2, jittered);
      expect(delay).toBeGreaterThanOrEqual(100);
      expect(delay).toBeLessThanOrEqual(200);
    }
  });
});
