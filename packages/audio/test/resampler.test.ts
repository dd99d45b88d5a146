import { describe, expect, it } from 'vitest';

import type { SampleRate } from '../src/audio-format.js';
import { AudioError } from '../src/audio-error.js';
import { createResampler, resampleSamples } from '../src/resampler.js';
import { catchError } from './catch-error.js';
import { concat, maxAbsDifference, rms, sine, toneAmplitude, zeroCrossings } from './signal.js';

async function resampleAll(
  samples: Int16Array,
  fromRate: SampleRate,
  toRate: SampleRate,
): Promise<Int16Array> {
  const resampler = await createResampler({ fromRate, toRate });
  try {
    return concat([resampler.process(samples), resampler.flush()]);
  } finally {
    resampler.dispose();
  }
}

/** The middle of a signal, away from the filter's start-up and tail. */
function middle(samples: Int16Array, sampleRate: number): Int16Array {
  const edge = Math.round(sampleRate * 0.05);
  return samples.subarray(edge, samples.length - edge);
}

function db(ratio: number): number {
  return 20 * Math.log10(ratio);
}

describe('createResampler', () => {
  it('keeps a 1 kHz tone through 24 kHz → 8 kHz → 24 kHz: frequency, level and timing', async () => {
    const input = sine(24000, { frequencyHz: 1000, count: 24000, amplitude: 0.5 });
    const narrow = await resampleAll(input, 24000, 8000);
    const back = await resampleAll(narrow, 8000, 24000);
    expect(narrow.length).toBe(8000);
    expect(back.length).toBe(24000);
    // 1 kHz for 1 s crosses zero 2000 times.
    expect(Math.abs(zeroCrossings(middle(narrow, 8000)) - 1800)).toBeLessThanOrEqual(2);
    expect(Math.abs(zeroCrossings(middle(back, 24000)) - 1800)).toBeLessThanOrEqual(2);
    const level = toneAmplitude(middle(back, 24000), 24000, 1000);
    expect(Math.abs(db(level / 16383.5))).toBeLessThan(1);
    expect(Math.abs(db(toneAmplitude(middle(narrow, 8000), 8000, 1000) / 16383.5))).toBeLessThan(1);
    // Output sample n lines up with input sample n: no filter delay left in the stream.
    expect(maxAbsDifference(middle(back, 24000), middle(input, 24000))).toBeLessThan(400);
    const ideal8k = sine(8000, { frequencyHz: 1000, count: 8000, amplitude: 0.5 });
    expect(maxAbsDifference(middle(narrow, 8000), middle(ideal8k, 8000))).toBeLessThan(400);
  });

  it.each([
    [16000, 24000],
    [8000, 24000],
    [24000, 16000],
    [16000, 8000],
    [8000, 16000],
  ] as const)('converts %d Hz → %d Hz keeping a 1 kHz tone and the duration', async (from, to) => {
    const output = await resampleAll(sine(from, { frequencyHz: 1000, count: from / 2 }), from, to);
    expect(output.length).toBe(to / 2);
    // 0.4 s of 1 kHz in the middle: 800 zero crossings.
    expect(Math.abs(zeroCrossings(middle(output, to)) - 800)).toBeLessThanOrEqual(2);
    expect(Math.abs(db(toneAmplitude(middle(output, to), to, 1000) / 16383.5))).toBeLessThan(1);
  });

  it('removes a 10 kHz tone when going from 24 kHz to 8 kHz (anti-aliasing)', async () => {
    const input = sine(24000, { frequencyHz: 10000, count: 24000, amplitude: 0.9 });
    const output = await resampleAll(input, 24000, 8000);
    // Without a low-pass filter, 10 kHz would fold to 2 kHz at full level.
    const aliasDb = db(toneAmplitude(middle(output, 8000), 8000, 2000) / (0.9 * 32767));
    expect(aliasDb).toBeLessThan(-80);
    expect(db(rms(middle(output, 8000)) / rms(input))).toBeLessThan(-80);
  });

  it('keeps the telephone band up to 3.4 kHz flat when going to 8 kHz', async () => {
    const input = sine(24000, { frequencyHz: 3400, count: 24000, amplitude: 0.5 });
    const output = await resampleAll(input, 24000, 8000);
    expect(Math.abs(db(toneAmplitude(middle(output, 8000), 8000, 3400) / 16383.5))).toBeLessThan(
      0.5,
    );
  });

  it('gives the same stream for odd-sized chunks as for one call', async () => {
    const input = sine(24000, { frequencyHz: 440, count: 24000, amplitude: 0.7 });
    const oneShot = await resampleAll(input, 24000, 16000);
    const resampler = await createResampler({ fromRate: 24000, toRate: 16000 });
    const sizes = [1, 7, 333, 4097, 2, 9001, 13, 5000];
    const parts: Int16Array[] = [];
    let offset = 0;
    for (let i = 0; offset < input.length; i++) {
      const size = sizes[i % sizes.length]!;
      parts.push(resampler.process(input.subarray(offset, offset + size)));
      offset += size;
    }
    parts.push(resampler.flush());
    resampler.dispose();
    const streamed = concat(parts);
    expect(streamed.length).toBe(oneShot.length);
    // The filter state carries across calls, so chunking changes nothing at all.
    expect(maxAbsDifference(streamed, oneShot)).toBe(0);
  });

  it('resets on flush, so the next stream matches a fresh resampler', async () => {
    const input = sine(8000, { frequencyHz: 300, count: 4000 });
    const resampler = await createResampler({ fromRate: 8000, toRate: 24000 });
    const first = concat([resampler.process(input), resampler.flush()]);
    const second = concat([resampler.process(input), resampler.flush()]);
    resampler.dispose();
    expect(first.length).toBe(12000);
    expect(second.length).toBe(12000);
    expect(maxAbsDifference(second, first)).toBe(0);
  });

  it('makes round(n × to / from) samples for lengths that do not divide evenly', async () => {
    for (const n of [0, 1, 2, 5, 1001]) {
      const output = await resampleAll(sine(24000, { frequencyHz: 500, count: n }), 24000, 16000);
      expect(output.length).toBe(Math.round((n * 16000) / 24000));
    }
  });

  it('passes audio through unchanged when the rates are equal', async () => {
    const resampler = await createResampler({ fromRate: 16000, toRate: 16000 });
    const input = Int16Array.of(1, 2, 3);
    expect(resampler.process(input)).toBe(input);
    expect(resampler.flush().length).toBe(0);
    resampler.dispose();
  });

  it('throws when used after dispose and tolerates a second dispose', async () => {
    const resampler = await createResampler({ fromRate: 24000, toRate: 8000 });
    resampler.dispose();
    resampler.dispose();
    const error = catchError(() => resampler.process(new Int16Array(10)));
    expect(error).toBeInstanceOf(AudioError);
    expect(error).toMatchObject({
      code: 'E_AUDIO_RESAMPLER',
      message: 'resampler used after dispose()',
    });
  });

  it('rejects a quality outside 0–10', async () => {
    await expect(createResampler({ fromRate: 24000, toRate: 8000, quality: 11 })).rejects.toThrow(
      'resampler quality 11 is not an integer from 0 to 10',
    );
  });

  it('runs many resamplers side by side without mixing their state', async () => {
    const a = await createResampler({ fromRate: 24000, toRate: 8000 });
    const b = await createResampler({ fromRate: 24000, toRate: 8000 });
    const toneA = sine(24000, { frequencyHz: 500, count: 4800 });
    const silent = new Int16Array(4800);
    const outA: Int16Array[] = [];
    const outB: Int16Array[] = [];
    for (let i = 0; i < 4800; i += 480) {
      outA.push(a.process(toneA.subarray(i, i + 480)));
      outB.push(b.process(silent.subarray(i, i + 480)));
    }
    outA.push(a.flush());
    outB.push(b.flush());
    a.dispose();
    b.dispose();
    expect(rms(concat(outB))).toBe(0);
    const alone = await resampleAll(toneA, 24000, 8000);
    expect(concat(outA).length).toBe(alone.length);
    expect(maxAbsDifference(concat(outA), alone)).toBe(0);
  });
});

describe('Resampler[Symbol.dispose]', () => {
  it('disposes like dispose()', async () => {
    const resampler = await createResampler({ fromRate: 16000, toRate: 8000 });
    resampler[Symbol.dispose]();
    expect(catchError(() => resampler.process(new Int16Array(1)))).toMatchObject({
      code: 'E_AUDIO_RESAMPLER',
    });
  });
});

describe('resampleSamples', () => {
  it.each([
    [22050, 24000],
    [44100, 16000],
    [48000, 8000],
  ])('converts a clip from %d Hz to %d Hz, keeping a 1 kHz tone', async (fromRate, toRate) => {
    const input = sine(fromRate, { frequencyHz: 1000, count: fromRate / 2 });
    const output = await resampleSamples(input, { fromRate, toRate });
    expect(output.length).toBe(toRate / 2);
    expect(Math.abs(zeroCrossings(middle(output, toRate)) - 800)).toBeLessThanOrEqual(2);
    expect(
      Math.abs(db(toneAmplitude(middle(output, toRate), toRate, 1000) / 16383.5)),
    ).toBeLessThan(1);
  });

  it('rejects a rate that is not a positive integer', async () => {
    await expect(resampleSamples(new Int16Array(4), { fromRate: 0, toRate: 8000 })).rejects.toThrow(
      'fromRate 0 is not a positive integer',
    );
  });
});
