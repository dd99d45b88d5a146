// The repo's speech fixtures (fixtures/manifest.json) as 16 kHz PCM16, and the noisy variants made
// from them at test time (fixtures/README.md says why they are not committed).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { decodeToSamples, parseWavHeader, resampleSamples } from '@voxd/audio';

import { babbleNoise, mixAtSnr, pinkNoise, whiteNoise } from './noisy-speech.js';
import type { NoiseType, SampleSpan } from './noisy-speech.js';

/** The repo's fixtures/ folder, with a trailing slash. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

export interface SpeechSegment {
  readonly startMs: number;
  readonly endMs: number;
  readonly text: string;
}

/** A committed WAV of fixtures/manifest.json `files`. */
export interface SpeechFixtureEntry {
  readonly path: string;
  readonly sha256: string;
  readonly format: {
    readonly encoding: 'pcm16' | 'g711_ulaw';
    readonly sampleRate: number;
    readonly channels: number;
  };
  readonly durationMs: number;
  readonly segments: readonly SpeechSegment[];
  readonly noise?: { readonly type: string; readonly soxVol: number };
  readonly provenance: string;
}

/** A recipe of fixtures/manifest.json `noisy`: a committed WAV with noise mixed in at test time. */
export interface NoisyFixtureEntry {
  /** `<source name>+<noise>@<snr>dB`, e.g. `booking-16k+pink@15dB`. */
  readonly id: string;
  /** Path of the clean source in `files`. */
  readonly source: string;
  readonly noise: NoiseType;
  readonly snrDb: number;
  readonly seed: number;
  /** Babble only: the `files` whose speech makes the babble, and how many streams are summed. */
  readonly babble?: { readonly sources: readonly string[]; readonly talkers: number };
  readonly sampleRate: 16000;
  /**
   * Noise-only audio added after the source's end, so a detector's last `speech_stopped` (up to
   * end + silence_duration_ms + 200 ms) falls inside the file.
   */
  readonly tailMs: number;
  /** The source's duration plus `tailMs`. */
  readonly durationMs: number;
  /** The source's true segments (noise does not move them). */
  readonly segments: readonly SpeechSegment[];
  /** sha256 of the generated samples as PCM16 little-endian: pins the generator's output. */
  readonly sha256: string;
  readonly provenance?: string;
}

export interface FixtureManifest {
  readonly files: readonly SpeechFixtureEntry[];
  readonly noisy?: readonly NoisyFixtureEntry[];
}

/** A fixture decoded and resampled to 16 kHz PCM16. */
export interface SpeechFixture {
  readonly name: string;
  readonly samples16k: Int16Array;
  readonly segments: readonly SpeechSegment[];
}

export function readFixtureManifest(dir = FIXTURES_DIR): FixtureManifest {
  return JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')) as FixtureManifest;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads one committed fixture as 16 kHz PCM16 (decoded and resampled with @voxd/audio). */
export async function loadSpeechFixture(
  entry: SpeechFixtureEntry,
  dir = FIXTURES_DIR,
): Promise<SpeechFixture> {
  const bytes = readFileSync(`${dir}${entry.path}`);
  const wav = parseWavHeader(bytes);
  const data = bytes.subarray(wav.dataOffset, wav.dataOffset + wav.dataLength);
  const samples16k = await resampleSamples(decodeToSamples(data, wav.format.encoding), {
    fromRate: wav.format.sampleRate,
    toRate: 16000,
  });
  return { name: entry.path, samples16k, segments: entry.segments };
}

export const NOISY_SNRS_DB: readonly number[] = [20, 15, 10, 5];
const BABBLE_TALKERS = 6;
const TAIL_MS = 1000;

function baseName(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.wav$/, '');
}

/** FNV-1a of the id: each recipe gets its own seed, stable whatever the order of the matrix. */
function seedOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function spans(segments: readonly SpeechSegment[]): SampleSpan[] {
  return segments.map((s) => ({ start: s.startMs * 16, end: s.endMs * 16 }));
}

/**
 * The recipes of the noise matrix (every clean file × white, pink, babble × 20, 15, 10, 5 dB),
 * without their sha256: fixtures/make-noisy-fixtures.mjs fills it in and writes the manifest.
 */
export function noisyFixtureRecipes(
  files: readonly SpeechFixtureEntry[],
): Omit<NoisyFixtureEntry, 'sha256'>[] {
  const clean = files.filter((f) => f.noise === undefined);
  return clean.flatMap((target) =>
    (['white', 'pink', 'babble'] as const).flatMap((noise) =>
      NOISY_SNRS_DB.map((snrDb) => {
        const id = `${baseName(target.path)}+${noise}@${snrDb}dB`;
        return {
          id,
          source: target.path,
          noise,
          snrDb,
          seed: seedOf(id),
          ...(noise === 'babble'
            ? {
                babble: {
                  sources: clean.filter((f) => f !== target).map((f) => f.path),
                  talkers: BABBLE_TALKERS,
                },
              }
            : {}),
          sampleRate: 16000 as const,
          tailMs: TAIL_MS,
          durationMs: target.durationMs + TAIL_MS,
          segments: target.segments,
        };
      }),
    ),
  );
}

/**
 * Makes the samples of one noisy recipe from the clean fixtures (by path). Deterministic: the
 * result's PCM16 bytes hash to the recipe's `sha256` on every run.
 */
export function makeNoisyFixture(
  recipe: Omit<NoisyFixtureEntry, 'sha256'>,
  clean: ReadonlyMap<string, SpeechFixture>,
): SpeechFixture {
  const get = (path: string): SpeechFixture => {
    const f = clean.get(path);
    if (!f) throw new Error(`noisy fixture ${recipe.id}: no clean fixture ${path}`);
    return f;
  };
  const target = get(recipe.source);
  const speech = new Int16Array(target.samples16k.length + recipe.tailMs * 16);
  speech.set(target.samples16k);
  const length = speech.length;
  let noise: Float64Array;
  if (recipe.noise === 'white') noise = whiteNoise(length, recipe.seed);
  else if (recipe.noise === 'pink') noise = pinkNoise(length, recipe.seed);
  else {
    if (!recipe.babble) throw new Error(`noisy fixture ${recipe.id}: babble without sources`);
    const sources = recipe.babble.sources.map(get).map((f) => ({
      samples: f.samples16k,
      speech: spans(f.segments),
    }));
    noise = babbleNoise(sources, length, { talkers: recipe.babble.talkers, seed: recipe.seed });
  }
  return {
    name: recipe.id,
    samples16k: mixAtSnr(speech, noise, { spans: spans(target.segments), snrDb: recipe.snrDb }),
    segments: recipe.segments,
  };
}

/** The PCM16 little-endian bytes of `samples`, as hashed in the manifest. */
export function pcm16Bytes(samples: Int16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((s, i) => view.setInt16(2 * i, s, true));
  return bytes;
}

/** Loads every clean fixture and makes every noisy one of the manifest, checking each sha256. */
export async function loadNoisyFixtures(dir = FIXTURES_DIR): Promise<SpeechFixture[]> {
  const manifest = readFixtureManifest(dir);
  const clean = new Map<string, SpeechFixture>();
  for (const entry of manifest.files) clean.set(entry.path, await loadSpeechFixture(entry, dir));
  return (manifest.noisy ?? []).map((recipe) => {
    const fixture = makeNoisyFixture(recipe, clean);
    const actual = sha256Hex(pcm16Bytes(fixture.samples16k));
    if (actual !== recipe.sha256) {
      throw new Error(
        `fixtures/manifest.json noisy ${recipe.id}: generated sha256 ${actual}, manifest says ${recipe.sha256}`,
      );
    }
    return fixture;
  });
}
