import { writeFile } from 'node:fs/promises';

import type { AudioFormat } from '@voxd/audio';
import { convertAudio, pcm16ToSamples } from '@voxd/audio';

import type { CaseRun } from './run-case.js';

const RATE = 24_000;
const PCM16_24K: AudioFormat = { encoding: 'pcm16', sampleRate: RATE, channels: 1 };

async function track(
  pieces: readonly { startMs: number; data: Uint8Array }[],
  format: AudioFormat,
  totalSamples: number,
): Promise<Int16Array> {
  const out = new Int16Array(totalSamples);
  if (pieces.length === 0) return out;
  // Contiguous runs are converted together so the resampler's filter sees continuous audio.
  let run: { startMs: number; endMs: number; parts: Uint8Array[] } | undefined;
  const runs: { startMs: number; parts: Uint8Array[] }[] = [];
  for (const p of pieces) {
    const ms = (p.data.length / (format.encoding === 'pcm16' ? 2 : 1) / format.sampleRate) * 1000;
    if (run !== undefined && Math.abs(p.startMs - run.endMs) < 0.5) {
      run.parts.push(p.data);
      run.endMs = p.startMs + ms;
    } else {
      run = { startMs: p.startMs, endMs: p.startMs + ms, parts: [p.data] };
      runs.push(run);
    }
  }
  for (const r of runs) {
    const bytes = Buffer.concat(r.parts);
    const samples = pcm16ToSamples(await convertAudio(bytes, format, PCM16_24K));
    const at = Math.round((r.startMs * RATE) / 1000);
    out.set(samples.subarray(0, Math.max(0, totalSamples - at)), at);
  }
  return out;
}

/**
 * Writes the run as a stereo PCM16 24 kHz WAV on the virtual timeline: the user as sent on
 * channel 0, the assistant as played on channel 1 (the layout other voice-testing tools read).
 */
export async function writeStereoWav(path: string, run: CaseRun): Promise<void> {
  const totalSamples = Math.ceil((run.durationMs * RATE) / 1000);
  const [user, assistant] = await Promise.all([
    track(run.input, run.inputFormat, totalSamples),
    track(run.played, run.outputFormat, totalSamples),
  ]);
  const frames = new Int16Array(totalSamples * 2);
  for (let i = 0; i < totalSamples; i++) {
    frames[2 * i] = user[i]!;
    frames[2 * i + 1] = assistant[i]!;
  }
  // WAV is little-endian, like every platform Node runs on here.
  const data = Buffer.from(frames.buffer, frames.byteOffset, frames.byteLength);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(2, 22); // channels
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  await writeFile(path, Buffer.concat([header, data]));
}
