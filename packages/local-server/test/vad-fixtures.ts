// Reads the repo's speech fixtures (fixtures/manifest.json) as 16 kHz PCM16 for the VAD, TTS and
// transcription tests. A minimal RIFF reader of its own: PCM16 and G.711 µ-law, mono.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { resamplePcm16 } from '../src/tts/resample-pcm16.js';

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

interface WavData {
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  data: Buffer;
}

export function parseWav(bytes: Buffer): WavData {
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let fmt: Omit<WavData, 'data'> | undefined;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = bytes.toString('latin1', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    const body = bytes.subarray(at + 8, at + 8 + size);
    if (id === 'fmt ') {
      fmt = {
        formatTag: body.readUInt16LE(0),
        channels: body.readUInt16LE(2),
        sampleRate: body.readUInt32LE(4),
        bitsPerSample: body.readUInt16LE(14),
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('data chunk before fmt chunk');
      return { ...fmt, data: body };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

function decodeMuLaw(byte: number): number {
  const u = ~byte & 0xff;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << ((u >> 4) & 0x07)) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

export function decodeWav(wav: WavData): Int16Array {
  if (wav.channels !== 1) throw new Error(`expected mono, got ${wav.channels} channels`);
  if (wav.formatTag === 1 && wav.bitsPerSample === 16) {
    const samples = new Int16Array(wav.data.length >> 1);
    for (let i = 0; i < samples.length; i++) samples[i] = wav.data.readInt16LE(i * 2);
    return samples;
  }
  if (wav.formatTag === 7 && wav.bitsPerSample === 8) {
    return Int16Array.from(wav.data, decodeMuLaw);
  }
  throw new Error(`unsupported WAV format tag ${wav.formatTag}/${wav.bitsPerSample} bits`);
}

export async function readFixture(entry: FixtureEntry): Promise<Fixture> {
  const bytes = readFileSync(`${FIXTURES_DIR}${entry.path}`);
  const wav = parseWav(bytes);
  const samples16k = await resamplePcm16(decodeWav(wav), wav.sampleRate, 16000);
  return { ...entry, bytes, samples16k };
}
