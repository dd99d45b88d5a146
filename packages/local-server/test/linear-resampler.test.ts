import { describe, expect, it } from 'vitest';

import { createLinearResampler, resampleOnce } from '../src/session/linear-resampler.js';

function sine(length: number, rate: number, hz: number): Int16Array {
  return Int16Array.from({ length }, (_, i) =>
    Math.round(10000 * Math.sin((2 * Math.PI * hz * i) / rate)),
  );
}

describe('linear resampler', () => {
  it('streams 24 kHz to 16 kHz in any chunking with the same result as one pass', () => {
    const input = sine(24000, 24000, 300);
    const whole = createLinearResampler(24000, 16000).push(input);
    const streamed = createLinearResampler(24000, 16000);
    const parts: Int16Array[] = [];
    for (let i = 0; i < input.length; i += 2399)
      parts.push(streamed.push(input.subarray(i, i + 2399)));
    const joined = Int16Array.from(parts.flatMap((p) => Array.from(p)));
    expect(Math.abs(whole.length - 16000)).toBeLessThanOrEqual(2);
    expect(Math.abs(joined.length - whole.length)).toBeLessThanOrEqual(1);
    const n = Math.min(joined.length, whole.length);
    for (let i = 0; i < n; i++)
      expect(Math.abs((joined[i] ?? 0) - (whole[i] ?? 0))).toBeLessThanOrEqual(1);
  });

  it('keeps the signal: a resampled sine matches the sine at the new rate', () => {
    const out = resampleOnce(sine(8000, 8000, 200), 8000, 16000);
    const expected = sine(16000, 16000, 200);
    expect(out.length).toBe(16000);
    let maxError = 0;
    for (let i = 0; i < out.length - 2; i++)
      maxError = Math.max(maxError, Math.abs((out[i] ?? 0) - (expected[i] ?? 0)));
    expect(maxError).toBeLessThan(200);
  });

  it('passes equal rates through', () => {
    const input = sine(100, 16000, 100);
    expect(createLinearResampler(16000, 16000).push(input)).toBe(input);
  });
});
