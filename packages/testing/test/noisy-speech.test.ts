import { describe, expect, it } from 'vitest';

import {
  babbleNoise,
  loadNoisyFixtures,
  loadSpeechFixture,
  makeNoisyFixture,
  mixAtSnr,
  noisyFixtureRecipes,
  pcm16Bytes,
  pinkNoise,
  readFixtureManifest,
  sha256Hex,
  whiteNoise,
} from '../src/index.js';
import type { SpeechFixture } from '../src/index.js';

const dB = (ratio: number): number => 10 * Math.log10(ratio);
function meanSquare(x: ArrayLike<number>, start = 0, end = x.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += (x[i] as number) ** 2;
  return sum / (end - start);
}

/** Power of `x` in the band [lowHz, highHz) by a plain DFT over a few frames (16 kHz). */
function bandPower(x: Float64Array, lowHz: number, highHz: number): number {
  const n = 1024;
  let total = 0;
  for (let frame = 0; frame < 8; frame++) {
    const at = frame * n;
    for (let k = Math.ceil((lowHz * n) / 16000); k < (highHz * n) / 16000; k++) {
      let re = 0;
      let im = 0;
      for (let i = 0; i < n; i++) {
        const v = x[at + i] as number;
        re += v * Math.cos((2 * Math.PI * k * i) / n);
        im -= v * Math.sin((2 * Math.PI * k * i) / n);
      }
      total += re * re + im * im;
    }
  }
  return total;
}

describe('noise generators', () => {
  it('are seeded: the same seed gives the same noise, another seed another', () => {
    expect(whiteNoise(1000, 7)).toEqual(whiteNoise(1000, 7));
    expect(whiteNoise(1000, 7)).not.toEqual(whiteNoise(1000, 8));
    expect(pinkNoise(1000, 7)).toEqual(pinkNoise(1000, 7));
  });

  it('white noise has unit variance and a flat spectrum; pink falls by about 3 dB an octave', () => {
    const white = whiteNoise(16000, 1);
    expect(meanSquare(white)).toBeGreaterThan(0.95);
    expect(meanSquare(white)).toBeLessThan(1.05);
    // Per-Hz density: octave 500–1000 Hz against 2000–4000 Hz (two octaves up).
    const octaves = (x: Float64Array): number =>
      dB(bandPower(x, 500, 1000) / 500 / (bandPower(x, 2000, 4000) / 2000));
    expect(Math.abs(octaves(white))).toBeLessThan(1);
    // 1/f: the density two octaves up is 6 dB lower.
    expect(octaves(pinkNoise(16000, 1))).toBeGreaterThan(5);
    expect(octaves(pinkNoise(16000, 1))).toBeLessThan(7);
  });

  it('babble sums looped speech of its sources at the requested length and unit power', () => {
    const speech = Int16Array.from({ length: 8000 }, (_, i) => Math.round(3000 * Math.sin(i / 5)));
    const babble = babbleNoise([{ samples: speech, speech: [{ start: 1000, end: 7000 }] }], 20000, {
      talkers: 4,
      seed: 3,
    });
    expect(babble).toHaveLength(20000);
    // Independent-ish talkers at unit power each, scaled by 1/sqrt(talkers): about unit power.
    expect(meanSquare(babble)).toBeGreaterThan(0.3);
    expect(meanSquare(babble)).toBeLessThan(3);
    expect(() =>
      babbleNoise([{ samples: speech, speech: [] }], 10, { talkers: 2, seed: 1 }),
    ).toThrow(/no speech/);
  });

  it('mixAtSnr puts the noise at the requested SNR against the speech segments', () => {
    const speech = new Int16Array(32000);
    for (let i = 8000; i < 24000; i++) speech[i] = Math.round(4000 * Math.sin(i / 3));
    const noise = whiteNoise(32000, 5);
    for (const snrDb of [20, 10, 5]) {
      const mixed = mixAtSnr(speech, noise, { spans: [{ start: 8000, end: 24000 }], snrDb });
      const residual = Float64Array.from(mixed, (v, i) => v - (speech[i] as number));
      const measured = dB(meanSquare(speech, 8000, 24000) / meanSquare(residual));
      expect(Math.abs(measured - snrDb)).toBeLessThan(0.05);
    }
  });
});

describe('noisy fixtures of fixtures/manifest.json', () => {
  const manifest = readFixtureManifest();

  it('hold every clean file × white, pink, babble × 20, 15, 10, 5 dB, with the true segments', () => {
    const clean = manifest.files.filter((f) => f.noise === undefined);
    const noisy = manifest.noisy ?? [];
    expect(noisy).toHaveLength(clean.length * 3 * 4);
    for (const recipe of noisy) {
      const source = clean.find((f) => f.path === recipe.source);
      expect(recipe.segments).toEqual(source?.segments);
      expect(recipe.durationMs).toBe((source?.durationMs ?? 0) + recipe.tailMs);
    }
    // The manifest is what the generator says now (nobody edited it by hand, nothing drifted).
    expect(noisy.map(({ sha256: _s, provenance: _p, ...recipe }) => recipe)).toEqual(
      noisyFixtureRecipes(manifest.files),
    );
  });

  it('are made byte-identical to the sha256 pinned in the manifest, twice over', async () => {
    const fixtures = await loadNoisyFixtures();
    expect(fixtures).toHaveLength(manifest.noisy?.length ?? 0);
    const clean = new Map<string, SpeechFixture>();
    for (const entry of manifest.files) clean.set(entry.path, await loadSpeechFixture(entry));
    const [first] = manifest.noisy ?? [];
    if (!first) throw new Error('no noisy recipes');
    const again = makeNoisyFixture(first, clean);
    expect(sha256Hex(pcm16Bytes(again.samples16k))).toBe(first.sha256);
  }, 60_000);

  it('refuse a recipe whose output no longer matches its sha256', async () => {
    const clean = new Map<string, SpeechFixture>();
    for (const entry of manifest.files) clean.set(entry.path, await loadSpeechFixture(entry));
    const [first] = manifest.noisy ?? [];
    if (!first) throw new Error('no noisy recipes');
    const shifted = makeNoisyFixture({ ...first, seed: first.seed + 1 }, clean);
    expect(sha256Hex(pcm16Bytes(shifted.samples16k))).not.toBe(first.sha256);
  }, 30_000);
});
