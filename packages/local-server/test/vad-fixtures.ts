// Reads the repo's speech fixtures (fixtures/manifest.json) as 16 kHz PCM16 for the VAD, TTS and
// transcription tests, decoded and resampled with @voxd/audio.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { decodeToSamples, parseWavHeader, resampleSamples } from '@voxd/audio';

export const FIXTURES_DIR = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

export interface FixtureSegment {
  startMs: number;
  endMs: number;
  text: string;
}

export interface FixtureEntry {
  path: string;
  sha256: string;
  format: { encoding: 'pcm16' | 'g711_ulaw'; sampleRate: number; channels: number };
  durationMs: number;
  segments: FixtureSegment[];
  noise?: { type: string; soxVol: number };
  provenance: string;
}

export interface Fixture extends FixtureEntry {
  bytes: Buffer;
  /** The audio as 16 kHz PCM16. */
  samples16k: Int16Array;
}

export function readManifest(): FixtureEntry[] {
  const manifest = JSON.parse(readFileSync(`${FIXTURES_DIR}manifest.json`, 'utf8')) as {
    files: FixtureEntry[];
  };
  return manifest.files;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function readFixture(entry: FixtureEntry): Promise<Fixture> {
  const bytes = readFileSync(`${FIXTURES_DIR}${entry.path}`);
  const wav = parseWavHeader(bytes);
  const data = bytes.subarray(wav.dataOffset, wav.dataOffset + wav.dataLength);
  const samples16k = await resampleSamples(decodeToSamples(data, wav.format.encoding), {
    fromRate: wav.format.sampleRate,
    toRate: 16000,
  });
  return { ...entry, bytes, samples16k };
}
