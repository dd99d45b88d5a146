// The optional Silero VAD v5 engine (onnxruntime-node in a worker, answered synchronously): the
// same timing rules as the energy detector, on the clean and the noisy fixtures.
import { loadNoisyFixtures, loadSpeechFixture, readFixtureManifest } from '@voxd/testing';
import type { SpeechFixture } from '@voxd/testing';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  createSileroVad,
  createVad,
  loadedSilero,
  loadSilero,
  VadError,
} from '../src/vad/index.js';
import type { VadEvent, VadOptions } from '../src/vad/index.js';
import { boundViolations } from './vad-bounds.js';
import type { DetectedTurn } from './vad-bounds.js';

const OPTIONS: VadOptions = {
  type: 'server_vad',
  threshold: 0.5,
  prefixPaddingMs: 300,
  silenceDurationMs: 500,
  sampleRate: 16000,
  engine: 'silero',
};

function turns(events: readonly VadEvent[]): DetectedTurn[] {
  const out: DetectedTurn[] = [];
  let start: number | undefined;
  for (const event of events) {
    if (event.type === 'speech_started') start = event.speechStartMs;
    else if (start !== undefined) {
      out.push({ speechStartMs: start, audioEndMs: event.audioEndMs });
      start = undefined;
    }
  }
  return out;
}

const manifest = readFixtureManifest();
const fixtures = new Map<string, SpeechFixture>();

describe('Silero engine', () => {
  // First, before anything in this file loads the model.
  it('refuses a synchronous createVad before the model is loaded, and bad engine names', () => {
    expect(loadedSilero()).toBeUndefined();
    expect(() => createVad(OPTIONS)).toThrow(
      expect.objectContaining({
        code: 'E_VAD_ENGINE',
        message: expect.stringMatching(/loadSilero/),
      }),
    );
    expect(() => createVad({ ...OPTIONS, engine: 'webrtc' as 'energy' })).toThrow(VadError);
    expect(() => createVad({ ...OPTIONS, engine: 'webrtc' as 'energy' })).toThrow(
      /engine must be 'energy' or 'silero'/,
    );
  });

  describe('on the fixtures', () => {
    beforeAll(async () => {
      await loadSilero();
      for (const entry of manifest.files) {
        const f = await loadSpeechFixture(entry);
        // One more second of silence so the last stop is decided inside the audio.
        const padded = new Int16Array(f.samples16k.length + 16000);
        padded.set(f.samples16k);
        fixtures.set(entry.path, { ...f, samples16k: padded });
      }
      for (const f of await loadNoisyFixtures()) fixtures.set(f.name, f);
    }, 120_000);

    it('loads once: every load returns the same engine', async () => {
      expect(await loadSilero()).toBe(loadedSilero());
    });

    it.each(manifest.files.map((e) => e.path))('holds the bound on clean %s', async (path) => {
      const f = fixtures.get(path);
      if (!f) throw new Error(`fixture ${path} not loaded`);
      const vad = await createSileroVad(OPTIONS);
      expect(boundViolations(turns(vad.process(f.samples16k)), f.segments, 500)).toEqual([]);
    });

    // White and pink noise hold down to 5 dB. Babble is speech to Silero: it hears the other
    // talkers (the comparison in the README), so babble is not held here.
    const steady = (manifest.noisy ?? []).filter((r) => r.noise !== 'babble').map((r) => r.id);
    it.each(steady)('holds the bound on %s', (id) => {
      const f = fixtures.get(id);
      if (!f) throw new Error(`noisy fixture ${id} not made`);
      expect(
        boundViolations(turns(createVad(OPTIONS).process(f.samples16k)), f.segments, 500),
      ).toEqual([]);
    });

    it('gives the same events whatever the chunking, and after reset()', () => {
      const f = fixtures.get(steady[0] ?? '');
      if (!f) throw new Error('no noisy fixture');
      const whole = createVad(OPTIONS).process(f.samples16k);
      expect(whole.length).toBeGreaterThan(0);
      const vad = createVad(OPTIONS);
      const chunked: VadEvent[] = [];
      for (let at = 0; at < f.samples16k.length; at += 700) {
        chunked.push(...vad.process(f.samples16k.subarray(at, at + 700)));
      }
      expect(chunked).toEqual(whole);
      vad.reset();
      expect(vad.process(f.samples16k)).toEqual(whole);
    });

    it('keeps each stream its own state when streams interleave', () => {
      const a = fixtures.get(steady[0] ?? '');
      const b = fixtures.get(steady[5] ?? '');
      if (!a || !b) throw new Error('no noisy fixtures');
      const aloneA = createVad(OPTIONS).process(a.samples16k);
      const aloneB = createVad(OPTIONS).process(b.samples16k);
      const vadA = createVad(OPTIONS);
      const vadB = createVad(OPTIONS);
      const eventsA: VadEvent[] = [];
      const eventsB: VadEvent[] = [];
      for (let at = 0; at < Math.max(a.samples16k.length, b.samples16k.length); at += 1600) {
        eventsA.push(...vadA.process(a.samples16k.subarray(at, at + 1600)));
        eventsB.push(...vadB.process(b.samples16k.subarray(at, at + 1600)));
      }
      expect(eventsA).toEqual(aloneA);
      expect(eventsB).toEqual(aloneB);
    });
  });
});
