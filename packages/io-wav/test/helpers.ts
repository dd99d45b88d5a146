import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createWavHeader } from '@voxd/audio';
import type { AudioFormat } from '@voxd/audio';
import type { Logger, PluginContext } from '@voxd/core';
import { asyncScheduler } from 'rxjs';
import type { SchedulerLike } from 'rxjs';

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export function makeCtx(baseDir: string, scheduler: SchedulerLike = asyncScheduler): PluginContext {
  return { agentName: 'test', baseDir, scheduler, logger: silentLogger };
}

/** A fresh temp folder, removed by the returned function. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'voxd-io-wav-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Deterministic, non-silent audio bytes: byte i is (i * 7 + seed) mod 251, whole samples. */
export function patternBytes(length: number, seed = 0): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) bytes[i] = (i * 7 + seed) % 251;
  return bytes;
}

/** Writes a WAV of `data` in `format` with audio's own header writer; returns its path. */
export function writeWav(path: string, format: AudioFormat, data: Uint8Array): string {
  const header = createWavHeader(format, data.length);
  const file = new Uint8Array(header.length + data.length + (data.length % 2));
  file.set(header);
  file.set(data, header.length);
  writeFileSync(path, file);
  return path;
}

export function concatFrames(frames: readonly { data: Uint8Array }[]): Uint8Array {
  const out = new Uint8Array(frames.reduce((n, f) => n + f.data.length, 0));
  let offset = 0;
  for (const frame of frames) {
    out.set(frame.data, offset);
    offset += frame.data.length;
  }
  return out;
}

/**
 * `'equal'`, or where two byte arrays first differ. Comparing audio with `toEqual` walks every
 * element generically and takes seconds for a few hundred KB; this is a memcmp.
 */
export function byteDiff(actual: Uint8Array, expected: Uint8Array): string {
  const a = Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength);
  const b = Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength);
  if (a.equals(b)) return 'equal';
  if (a.length !== b.length) return `length ${a.length}, expected ${b.length}`;
  const index = a.findIndex((byte, i) => byte !== b[i]);
  return `byte ${index} is ${a[index]}, expected ${b[index]}`;
}
