import { describe, expect, it } from 'vitest';

import { AudioError } from '../src/audio-error.js';
import { createLinearResampler, resampleLinear } from '../src/linear-resampler.js';
import { catchError } from './catch-error.js';
import { concat, maxAbsDifference, sine, toneAmplitude } from './signal.js';

describe('createLinearResampler', () => {
  it('interpolates between neighbours at positions k × from/to, across chunk edges', () => {
    const resampler = createLinearResampler(3, 2); // one output every 1.5 input samples
    expect(Array.from(resampler.push(Int16Array.of(0, 100, 200, 300)))).toEqual([0, 150]);
    // Position 3.0 is the first chunk's last sample: it waits for its right neighbour, and 6.0 does too.
    expect(Array.from(resampler.push(Int16Array.of(400, 500, 600)))).toEqual([300, 450]);
  });

  it('gives the same output in any chunking as in one pass', () => {
    const input = sine(24000, { frequencyHz: 300, count: 24000 });
    const whole = createLinearResampler(24000, 16000).push(input);
    for (const chunk of [1, 7, 480, 2399, 4800]) {
      const streamed = createLinearResampler(24000, 16000);
      const parts: Int16Array[] = [];
      for (let i = 0; i < input.length; i += chunk)
        parts.push(streamed.push(input.subarray(i, i + chunk)));
      const joined = concat(parts);
      expect(joined.length).toBe(whole.length);
      expect(maxAbsDifference(joined, whole)).toBe(0);
    }
    // One second in, one second out (the last sample waits for its right neighbour).
    expect(whole.length).toBe(16000);
  });

  it('keeps a tone: 8 kHz → 16 kHz and 44.1 kHz → 16 kHz match the tone at the new rate', () => {
    for (const fromRate of [8000, 44100, 48000]) {
      const out = createLinearResampler(fromRate, 16000).push(
        sine(fromRate, { frequencyHz: 200, count: fromRate }),
      );
      const expected = sine(16000, { frequencyHz: 200, count: out.length });
      // Linear interpolation of a 200 Hz tone is within a few LSB per 1000 of amplitude.
      expect(maxAbsDifference(out, expected)).toBeLessThan(200);
      expect(toneAmplitude(out, 16000, 200)).toBeGreaterThan(0.49 * 32767);
    }
  });

  it('with reuseOutput, gives the same samples in one buffer that each push overwrites', () => {
    const input = sine(24000, { frequencyHz: 300, count: 4800 });
    const fresh = createLinearResampler(24000, 16000);
    const reused = createLinearResampler(24000, 16000, { reuseOutput: true });
    const first = reused.push(input.subarray(0, 2400));
    expect(Array.from(first)).toEqual(Array.from(fresh.push(input.subarray(0, 2400))));
    const second = reused.push(input.subarray(2400));
    expect(Array.from(second)).toEqual(Array.from(fresh.push(input.subarray(2400))));
    expect(second.buffer).toBe(first.buffer);
  });

  it('returns the input itself for equal rates and for an empty chunk', () => {
    const input = sine(16000, { frequencyHz: 100, count: 100 });
    expect(createLinearResampler(16000, 16000).push(input)).toBe(input);
    const empty = new Int16Array(0);
    expect(createLinearResampler(24000, 16000).push(empty)).toBe(empty);
  });

  it('handles one-sample chunks when upsampling', () => {
    const resampler = createLinearResampler(8000, 24000);
    const out = concat([0, 300, 600, 900].map((x) => resampler.push(Int16Array.of(x))));
    expect(Array.from(out)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800]);
  });

  it('refuses a rate that is not a positive number, naming it', () => {
    for (const [from, to, name] of [
      [0, 16000, 'fromRate'],
      [16000, -1, 'toRate'],
      [Number.NaN, 16000, 'fromRate'],
      [22050.5, 16000, 'fromRate'],
    ] as const) {
      const error = catchError(() => createLinearResampler(from, to));
      expect(error).toBeInstanceOf(AudioError);
      expect((error as AudioError).code).toBe('E_AUDIO_INVALID_ARGUMENT');
      expect((error as AudioError).message).toContain(name);
    }
  });
});

describe('resampleLinear', () => {
  it('has round(length × to/from) samples and repeats the last sample past the end', () => {
    const out = resampleLinear(Int16Array.of(0, 300, 600), 8000, 24000);
    expect(Array.from(out)).toEqual([0, 100, 200, 300, 400, 500, 600, 600, 600]);
    expect(resampleLinear(Int16Array.of(5), 48000, 8000)).toEqual(Int16Array.of(5));
    expect(resampleLinear(new Int16Array(441), 44100, 16000).length).toBe(160);
  });

  it('keeps a tone when downsampling 48 kHz → 16 kHz', () => {
    const out = resampleLinear(sine(48000, { frequencyHz: 440, count: 48000 }), 48000, 16000);
    expect(out.length).toBe(16000);
    expect(maxAbsDifference(out, sine(16000, { frequencyHz: 440, count: 16000 }))).toBeLessThan(2);
  });

  it('returns the input for equal rates or no samples, and refuses a bad rate', () => {
    const input = Int16Array.of(1, 2, 3);
    expect(resampleLinear(input, 16000, 16000)).toBe(input);
    const empty = new Int16Array(0);
    expect(resampleLinear(empty, 16000, 8000)).toBe(empty);
    expect(catchError(() => resampleLinear(input, 16000, 0))).toBeInstanceOf(AudioError);
  });
});
