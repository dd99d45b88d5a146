import { beforeAll, describe, expect, it } from 'vitest';

import { createFvadVad, createVad, VadError } from '../src/vad/index.js';
import type { Vad, VadEvent, VadOptions } from '../src/vad/index.js';
import { readFixture, readManifest, sha256 } from './vad-fixtures.js';
import type { Fixture } from './vad-fixtures.js';

const DEFAULTS: VadOptions = {
  type: 'server_vad',
  threshold: 0.5,
  prefixPaddingMs: 300,
  silenceDurationMs: 500,
  sampleRate: 16000,
};
const TYPES = [
  'server_vad',
  'azure_semantic_vad',
  'azure_semantic_vad_en',
  'azure_semantic_vad_multilingual',
  'semantic_vad',
];
const TOLERANCE_MS = 100;

const fixtures = new Map<string, Fixture>();
beforeAll(async () => {
  for (const entry of readManifest()) fixtures.set(entry.path, await readFixture(entry));
});
function fixture(path: string): Fixture {
  const f = fixtures.get(`audio/${path}`);
  if (!f) throw new Error(`no fixture ${path}`);
  return f;
}

function feedInChunks(vad: Vad, samples: Int16Array, sizes: number[]): VadEvent[] {
  const events: VadEvent[] = [];
  for (let at = 0, i = 0; at < samples.length; i++) {
    const size = sizes[i % sizes.length] ?? 160;
    events.push(...vad.process(samples.subarray(at, at + size)));
    at += size;
  }
  return events;
}

/** Deterministic brown noise (integrated, leaky white noise from an LCG) at about `rmsDb` dBFS. */
function brownNoise(samples: number, rmsDb: number): Int16Array {
  let seed = 12345;
  let level = 0;
  const raw = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    level = 0.98 * level + (seed / 2 ** 32 - 0.5);
    raw[i] = level;
  }
  const rms = Math.sqrt(raw.reduce((sum, x) => sum + x * x, 0) / samples);
  const gain = (32768 * 10 ** (rmsDb / 20)) / rms;
  return Int16Array.from(raw, (x) => Math.round(x * gain));
}

function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('fixtures', () => {
  it.each(readManifest().map((e) => [e.path, e] as const))(
    '%s matches its manifest entry',
    async (_path, entry) => {
      const f = await readFixture(entry);
      expect(sha256(f.bytes)).toBe(entry.sha256);
      expect(Math.abs(f.samples16k.length / 16 - entry.durationMs)).toBeLessThanOrEqual(1);
      expect(entry.segments.length).toBeGreaterThan(0);
    },
  );
});

describe('createVad (energy detector)', () => {
  describe.each(TYPES)('type %s', (type) => {
    it.each(readManifest().map((e) => [e.path, e] as const))(
      'finds the speech segments of %s within 100 ms of the manifest',
      (path, entry) => {
        const f = fixtures.get(path);
        if (!f) throw new Error(`fixture ${path} not loaded`);
        const events = createVad({ ...DEFAULTS, type }).process(f.samples16k);
        expect(events.map((e) => e.type)).toEqual(
          entry.segments.flatMap(() => ['speech_started', 'speech_stopped']),
        );
        entry.segments.forEach((segment, i) => {
          const started = events[2 * i];
          const stopped = events[2 * i + 1];
          if (started?.type !== 'speech_started' || stopped?.type !== 'speech_stopped') {
            throw new Error('events out of order');
          }
          expect(Math.abs(started.speechStartMs - segment.startMs)).toBeLessThanOrEqual(
            TOLERANCE_MS,
          );
          expect(Math.abs(stopped.speechEndMs - segment.endMs)).toBeLessThanOrEqual(TOLERANCE_MS);
          expect(started.audioStartMs).toBe(Math.max(0, started.speechStartMs - 300));
          expect(stopped.audioEndMs).toBe(stopped.speechEndMs + 500);
        });
      },
    );
  });

  it('ignores quieter speech at a higher threshold', () => {
    // booking-16k with its second sentence 18 dB quieter.
    const f = fixture('booking-16k.wav');
    const splitAt = 3500 * 16;
    const quiet = Int16Array.from(f.samples16k.subarray(splitAt), (x) => Math.round(x / 8));
    const samples = concat(f.samples16k.subarray(0, splitAt), quiet);
    const starts = (threshold: number): number[] =>
      createVad({ ...DEFAULTS, threshold })
        .process(samples)
        .flatMap((e) => (e.type === 'speech_started' ? [e.speechStartMs] : []));
    const low = starts(0.3);
    const high = starts(0.9);
    expect(low).toHaveLength(2);
    expect(high).toHaveLength(1);
    expect(Math.abs((high[0] ?? 0) - 500)).toBeLessThanOrEqual(TOLERANCE_MS);
  });

  it('does not trigger on steady background noise', () => {
    const noise = brownNoise(16000 * 10, -40);
    expect(createVad(DEFAULTS).process(noise)).toEqual([]);
  });

  it('learns a louder noise floor and still finds speech over it', () => {
    const f = fixture('booking-16k.wav');
    const noise = brownNoise(f.samples16k.length + 16000 * 4, -45);
    const mixed = Int16Array.from(noise, (x, i) =>
      i < 16000 * 4 ? x : x + (f.samples16k[i - 16000 * 4] ?? 0),
    );
    const events = createVad(DEFAULTS).process(mixed);
    const starts = events.flatMap((e) => (e.type === 'speech_started' ? [e.speechStartMs] : []));
    expect(starts).toHaveLength(2);
    expect(Math.abs((starts[0] ?? 0) - 4500)).toBeLessThanOrEqual(TOLERANCE_MS);
  });

  it('clamps audioStartMs at 0 when the prefix padding reaches before the start', () => {
    // weather-24k speech starts at 300 ms.
    const [first] = createVad({ ...DEFAULTS, prefixPaddingMs: 500 }).process(
      fixture('weather-24k.wav').samples16k,
    );
    expect(first).toMatchObject({ type: 'speech_started', audioStartMs: 0 });
    expect(first?.type === 'speech_started' && first.speechStartMs).toBeGreaterThan(0);
  });

  it('gives the same events whatever the chunk sizes', () => {
    const samples = fixture('noisy-16k.wav').samples16k;
    const whole = createVad(DEFAULTS).process(samples);
    expect(whole.length).toBeGreaterThan(0);
    for (const sizes of [[160], [1600], [7, 333, 1021, 1], [480, 13]]) {
      const vad = createVad(DEFAULTS);
      expect(feedInChunks(vad, samples, sizes)).toEqual(whole);
      expect(vad.positionMs).toBe(samples.length / 16);
    }
  });

  it('needs speechDurationMs of speech for an onset (200 ms server_vad, 80 ms semantic)', () => {
    // A 150 ms 2 kHz burst: long enough for the semantic default, too short for server_vad.
    const burst = Int16Array.from({ length: 150 * 16 }, (_, i) =>
      Math.round(8000 * Math.sin((2 * Math.PI * 2000 * i) / 16000)),
    );
    const samples = concat(new Int16Array(16000), burst, new Int16Array(16000));
    expect(createVad(DEFAULTS).process(samples)).toEqual([]);
    const semantic = createVad({ ...DEFAULTS, type: 'azure_semantic_vad' }).process(samples);
    expect(semantic.map((e) => e.type)).toEqual(['speech_started', 'speech_stopped']);
    expect(createVad({ ...DEFAULTS, speechDurationMs: 100 }).process(samples)).toHaveLength(2);
  });

  it('reset() restarts the timeline and the detector', () => {
    const samples = fixture('weather-24k.wav').samples16k;
    const fresh = createVad(DEFAULTS).process(samples);
    const vad = createVad(DEFAULTS);
    vad.process(samples.subarray(0, 16000 * 2 + 77));
    vad.reset();
    expect(vad.positionMs).toBe(0);
    expect(vad.process(samples)).toEqual(fresh);
  });

  it('rejects bad options and input with VadError codes', () => {
    const bad: [Partial<VadOptions>, RegExp][] = [
      [{ type: 'energy' }, /type must be one of server_vad/],
      [{ threshold: 1.5 }, /threshold must be in 0..1/],
      [{ silenceDurationMs: -1 }, /silenceDurationMs/],
      [{ prefixPaddingMs: Number.NaN }, /prefixPaddingMs/],
      [{ speechDurationMs: -5 }, /speechDurationMs/],
      [{ sampleRate: 8000 as 16000 }, /sampleRate must be 16000/],
    ];
    for (const [patch, message] of bad) {
      const attempt = (): Vad => createVad({ ...DEFAULTS, ...patch });
      expect(attempt).toThrow(VadError);
      expect(attempt).toThrow(message);
    }
    const vad = createVad(DEFAULTS);
    expect(() => vad.process(new Float32Array(160) as unknown as Int16Array)).toThrow(
      expect.objectContaining({ code: 'E_VAD_INPUT' }),
    );
  });
});

describe('createFvadVad (WebRTC VAD, wasm)', () => {
  it.each(readManifest().map((e) => [e.path, e] as const))(
    'finds the segments of %s (onsets within 100 ms; its hangover makes offsets up to 250 ms late)',
    async (path, entry) => {
      const f = fixtures.get(path);
      if (!f) throw new Error(`fixture ${path} not loaded`);
      const vad = await createFvadVad(DEFAULTS);
      // One more second of silence: fvad's hangover can push the last stop past the file's end.
      const events = vad.process(concat(f.samples16k, new Int16Array(16000)));
      expect(events).toHaveLength(entry.segments.length * 2);
      entry.segments.forEach((segment, i) => {
        const started = events[2 * i];
        const stopped = events[2 * i + 1];
        if (started?.type !== 'speech_started' || stopped?.type !== 'speech_stopped') {
          throw new Error('events out of order');
        }
        expect(Math.abs(started.speechStartMs - segment.startMs)).toBeLessThanOrEqual(TOLERANCE_MS);
        expect(stopped.speechEndMs - segment.endMs).toBeGreaterThanOrEqual(-TOLERANCE_MS);
        expect(stopped.speechEndMs - segment.endMs).toBeLessThanOrEqual(250);
      });
    },
  );
});
