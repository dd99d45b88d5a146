import { describe, expect, it } from 'vitest';

import {
  type AudioFormat,
  G711_ALAW,
  G711_ULAW,
  PCM16_16K,
  PCM16_24K,
} from '../src/audio-format.js';
import { decodeToSamples } from '../src/codec.js';
import { silence, tone } from '../src/generators.js';
import { rmsLevel } from '../src/rms-level.js';
import { catchError } from './catch-error.js';
import { toneAmplitude, zeroCrossings } from './signal.js';

const FORMATS: readonly AudioFormat[] = [PCM16_16K, PCM16_24K, G711_ULAW, G711_ALAW];

describe('silence', () => {
  it.each(FORMATS.map((f) => [`${f.encoding} ${f.sampleRate}`, f] as const))(
    'is 20 ms of samples that decode to (near) zero in %s',
    (_name, format) => {
      const data = silence(format, 20);
      const samples = decodeToSamples(data, format.encoding);
      expect(samples.length).toBe(format.sampleRate / 50);
      expect(samples.every((s) => Math.abs(s) <= 8)).toBe(true);
    },
  );

  it('rounds down to whole samples', () => {
    expect(silence(PCM16_24K, 0.1).length).toBe(4); // 2.4 samples → 2
    expect(silence(G711_ULAW, 0).length).toBe(0);
  });
});

describe('tone', () => {
  it('has the requested frequency, duration and peak amplitude', () => {
    const samples = decodeToSamples(
      tone(PCM16_24K, { frequencyHz: 1000, durationMs: 500, amplitude: 0.25 }),
      'pcm16',
    );
    expect(samples.length).toBe(12000);
    expect(zeroCrossings(samples)).toBe(999); // starts at phase 0, so sample 0 is not a crossing
    expect(toneAmplitude(samples, 24000, 1000)).toBeCloseTo(0.25 * 32767, -1);
    expect(Math.max(...samples)).toBeLessThanOrEqual(Math.round(0.25 * 32767));
  });

  it('continues seamlessly from a start phase', () => {
    const whole = decodeToSamples(tone(PCM16_16K, { frequencyHz: 440, durationMs: 20 }), 'pcm16');
    const first = decodeToSamples(tone(PCM16_16K, { frequencyHz: 440, durationMs: 10 }), 'pcm16');
    const startPhase = (2 * Math.PI * 440 * first.length) / 16000;
    const second = decodeToSamples(
      tone(PCM16_16K, { frequencyHz: 440, durationMs: 10, startPhase }),
      'pcm16',
    );
    const joined = [...first, ...second];
    expect(joined.every((s, i) => Math.abs(s - whole[i]!) <= 1)).toBe(true);
  });

  it('encodes G.711 tones at a -6 dBFS default level', () => {
    const samples = decodeToSamples(
      tone(G711_ALAW, { frequencyHz: 1000, durationMs: 100 }),
      'g711_alaw',
    );
    expect(rmsLevel(samples).dbfs).toBeCloseTo(-6.02 - 3.01, 0);
  });

  it('rejects a frequency at or above Nyquist, and bad amplitude or duration', () => {
    expect(catchError(() => tone(G711_ULAW, { frequencyHz: 4000, durationMs: 10 }))).toMatchObject({
      code: 'E_AUDIO_INVALID_ARGUMENT',
      message: 'tone frequencyHz 4000 is outside 0 to 4000 Hz (Nyquist at 8000 Hz)',
    });
    expect(
      catchError(() => tone(G711_ULAW, { frequencyHz: 400, durationMs: 10, amplitude: 1.5 })),
    ).toMatchObject({
      message: 'tone amplitude 1.5 is outside 0 to 1',
    });
    expect(catchError(() => silence(G711_ULAW, -1))).toMatchObject({
      message: 'durationMs -1 is not a finite number ≥ 0',
    });
  });
});

describe('rmsLevel', () => {
  it('measures a full-scale square wave as 0 dBFS and a full-scale sine as -3 dBFS', () => {
    const square = Int16Array.from({ length: 800 }, (_, i) => (i % 20 < 10 ? -32768 : 32767));
    expect(rmsLevel(square).dbfs).toBeCloseTo(0, 3);
    const fullSine = decodeToSamples(
      tone(PCM16_16K, { frequencyHz: 1000, durationMs: 100, amplitude: 1 }),
      'pcm16',
    );
    expect(rmsLevel(fullSine).rms).toBeCloseTo(Math.SQRT1_2, 3);
    expect(rmsLevel(fullSine).dbfs).toBeCloseTo(-3.01, 2);
  });

  it('reports silence and empty input as -Infinity dBFS', () => {
    expect(rmsLevel(new Int16Array(100))).toEqual({ rms: 0, dbfs: -Infinity });
    expect(rmsLevel(new Int16Array(0))).toEqual({ rms: 0, dbfs: -Infinity });
  });
});
