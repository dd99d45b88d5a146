import { truncateSync } from 'node:fs';
import { join } from 'node:path';

import { byteLengthForMs } from '@voxd/audio';
import type { AudioFormat } from '@voxd/audio';
import { VirtualAction, VirtualTimeScheduler } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';

import { createWavSource } from '../src/wav-source.js';
import { makeCtx, patternBytes, tempDir, writeWav } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

/**
 * Runs virtual time while real file reads land: each round lets pending I/O settle, then flushes
 * every action that is due. Virtual time stands still while a read is in flight, so the emission
 * times are exact whatever the machine's load.
 */
async function runVirtual(scheduler: VirtualTimeScheduler, isDone: () => boolean): Promise<void> {
  for (let round = 0; round < 10_000 && !isDone(); round += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    scheduler.flush();
  }
}

describe('createWavSource: realtime pace', () => {
  const format: AudioFormat = { encoding: 'pcm16', sampleRate: 24000, channels: 1 };
  // 2.5 s: more than one 1 s read chunk, so pacing has to cross reads.
  const path = writeWav(
    join(dir, 'paced.wav'),
    format,
    patternBytes(byteLengthForMs(format, 2500)),
  );

  it('emits each 20 ms frame when a microphone would deliver it: at 20, 40, 60… ms', async () => {
    const scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY);
    const source = createWavSource({ path, trailingSilenceMs: 0 }, makeCtx(dir, scheduler));
    const emittedAtMs: number[] = [];
    const stamps: number[] = [];
    let done = false;
    source.frames$.subscribe({
      next: (frame) => {
        emittedAtMs.push(scheduler.now());
        stamps.push(frame.timestampMs);
      },
      complete: () => (done = true),
    });
    await runVirtual(scheduler, () => done);
    expect(done).toBe(true);
    expect(emittedAtMs).toHaveLength(125);
    expect(emittedAtMs).toEqual(stamps.map((ms) => ms + 20));
    expect(stamps).toEqual(Array.from({ length: 125 }, (_, i) => i * 20));
  });

  it('paces frame_ms frames, including leading and trailing silence', async () => {
    const scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY);
    const source = createWavSource(
      { path, frameMs: 40, leadingSilenceMs: 200, trailingSilenceMs: 300 },
      makeCtx(dir, scheduler),
    );
    const emittedAtMs: number[] = [];
    let done = false;
    source.frames$.subscribe({
      next: () => emittedAtMs.push(scheduler.now()),
      complete: () => (done = true),
    });
    await runVirtual(scheduler, () => done);
    expect(emittedAtMs).toEqual(Array.from({ length: 75 }, (_, i) => (i + 1) * 40));
    expect(scheduler.now()).toBe(3000);
  });

  it('streams: reads only about a second ahead, so a cut far ahead is met where it lies', async () => {
    // 60 s on disk; after 2 s of playout the file is cut to 10 s. A source that had read the
    // whole file up front would play all 60 s; a streaming one fails at the cut.
    const big = writeWav(
      join(dir, 'big.wav'),
      format,
      patternBytes(byteLengthForMs(format, 60_000)),
    );
    const scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY);
    const source = createWavSource({ path: big, trailingSilenceMs: 0 }, makeCtx(dir, scheduler));
    let frames = 0;
    let failure: unknown;
    source.frames$.subscribe({ next: () => (frames += 1), error: (e: unknown) => (failure = e) });
    await runVirtual(scheduler, () => scheduler.now() >= 2000);
    truncateSync(big, 44 + byteLengthForMs(format, 10_000));
    await runVirtual(scheduler, () => failure !== undefined);
    expect(failure).toMatchObject({ code: 'E_WAV_TRUNCATED' });
    expect((failure as Error).message).toMatch(/file ended at data byte 480000 of 2880000/);
    expect(frames).toBe(500);
  });

  it('stops the clock work on unsubscribe: no timer is left behind', async () => {
    const scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY);
    const source = createWavSource({ path }, makeCtx(dir, scheduler));
    let frames = 0;
    const subscription = source.frames$.subscribe(() => {
      frames += 1;
      if (frames === 10) subscription.unsubscribe();
    });
    await runVirtual(scheduler, () => frames >= 10);
    expect(scheduler.now()).toBe(200);
    expect(scheduler.actions).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    scheduler.flush();
    expect(frames).toBe(10);
  });
});
