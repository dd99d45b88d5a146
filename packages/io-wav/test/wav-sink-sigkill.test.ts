import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseWavHeader, pcm16ToSamples } from '@voxd/audio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const writer = join(import.meta.dirname, 'fixtures/kill-writer.mjs');

beforeAll(() => {
  // The child runs the built package, as the daemon would (turbo builds before testing).
  if (!existsSync(join(import.meta.dirname, '../dist/index.js'))) {
    throw new Error('build @voxd/io-wav first: npx turbo run build --filter=@voxd/io-wav');
  }
});

/** Starts the writer, waits until it reports `killAfterMs` played, then SIGKILLs it. */
function recordThenKill(path: string, pace: string, killAfterMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, path, pace], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastPlayedMs = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = chunk.toString().trim().split('\n');
      lastPlayedMs = Number(lines.at(-1));
      if (lastPlayedMs >= killAfterMs && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(lastPlayedMs);
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
    setTimeout(() => child.kill('SIGKILL'), 40_000).unref();
  });
}

// A child Node process starts in 1-3 s on a loaded 2-core machine: far over vitest's 5 s default
// once three run alongside other test files.
describe(
  'createWavSink: durability when the process is killed (SIGKILL)',
  { timeout: 60_000 },
  () => {
    it.each([
      ['realtime', 300],
      ['asap', 700],
      ['asap', 2000],
    ])(
      'leaves a valid WAV whose sizes match the data on disk (%s, killed after %i ms)',
      async (pace, killAfterMs) => {
        const path = join(dir, `killed-${pace}-${killAfterMs}.wav`);
        const reportedMs = await recordThenKill(path, pace, killAfterMs);
        const file = readFileSync(path);
        const info = parseWavHeader(file);
        const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
        const onDisk = file.length - info.dataOffset;
        // The last header patch counts every byte before it; a kill between a data write and its
        // patch leaves at most that one batch uncounted, never a size beyond the data.
        expect(info.dataStatus).toBe('complete');
        expect(info.declaredDataLength).toBeGreaterThan(0);
        expect(info.declaredDataLength).toBeLessThanOrEqual(onDisk);
        expect(view.getUint32(4, true)).toBe(info.dataOffset - 8 + info.declaredDataLength);
        // What was reported as played was queued for writing at once: the file holds all of it but
        // the writes still in flight at the kill (bounded generously: the machine may be loaded).
        expect(info.durationMs).toBeGreaterThan(0);
        expect(info.durationMs).toBeGreaterThanOrEqual(reportedMs - 1000);
        // Every counted sample is the right one: frame i holds the value i.
        const samples = pcm16ToSamples(
          file.subarray(info.dataOffset, info.dataOffset + info.dataLength),
        );
        const wrong = samples.findIndex((value, k) => value !== Math.floor(k / 320));
        expect(wrong).toBe(-1);
      },
    );
  },
);
