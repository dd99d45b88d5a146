import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { byteLengthForMs, encodeSamples, parseWavHeader, pcm16ToSamples, tone } from '@voxd/audio';
import type { AudioFormat, AudioFrame } from '@voxd/audio';
import { TestScheduler } from 'rxjs/testing';
import { afterAll, describe, expect, it } from 'vitest';

import { createWavSink } from '../src/wav-sink.js';
import { makeCtx, tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const pcm16k: AudioFormat = { encoding: 'pcm16', sampleRate: 16000, channels: 1 };

/** A frame of `ms` whose every sample is `value`, so the timeline can be read back by value. */
const level = (ms: number, value: number, format = pcm16k): AudioFrame => {
  const samples = new Int16Array(byteLengthForMs(format, ms) / 2).fill(value);
  return { format, data: encodeSamples(samples, format.encoding), timestampMs: 0 };
};

/** The recording as runs of equal samples: [value, ms][]. */
function runs(path: string, format: AudioFormat): [number, number][] {
  const file = readFileSync(path);
  const info = parseWavHeader(file);
  expect(info.format).toEqual(format);
  const samples = pcm16ToSamples(file.subarray(info.dataOffset, info.dataOffset + info.dataLength));
  const out: [number, number][] = [];
  for (const sample of samples) {
    const last = out.at(-1);
    if (last !== undefined && last[0] === sample) last[1] += 1;
    else out.push([sample, 1]);
  }
  return out.map(([value, count]) => [value, (count * 1000) / format.sampleRate]);
}

describe('createWavSink: conversation mode', () => {
  it('puts user and assistant audio on one timeline, silence in the gaps, barge-in overlap mixed', async () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    const path = join(dir, 'conversation.wav');
    const sink = createWavSink(
      { path, format: pcm16k, mode: 'conversation' },
      makeCtx(dir, scheduler),
    );
    scheduler.run(({ cold }) => {
      const u = level(20, 1000);
      // The user speaks 0-100 ms (a realtime source delivers each frame at its end)…
      cold('20ms u 19ms u 19ms u 19ms u 19ms u', { u }).subscribe((f) => sink.recordInput(f));
      // …the assistant answers at 300 ms for 60 ms…
      const x = level(20, -2000);
      scheduler.schedule(() => sink.play(cold('(xxx|)', { x })).subscribe(), 300);
      // …and the user barges in over its last 40 ms.
      cold('340ms u 19ms u', { u }).subscribe((f) => sink.recordInput(f));
    });
    await sink.close();
    expect(runs(path, pcm16k)).toEqual([
      [1000, 100],
      [0, 200],
      [-2000, 20],
      [-1000, 40],
    ]);
  });

  it('drops what a barge-in flushed from the assistant track, keeps the user audio', async () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    const path = join(dir, 'flushed.wav');
    const sink = createWavSink(
      { path, format: pcm16k, mode: 'conversation' },
      makeCtx(dir, scheduler),
    );
    scheduler.run(({ cold }) => {
      const x = level(100, 500);
      const playback = sink.play(cold('x', { x })).subscribe();
      scheduler.schedule(() => playback.unsubscribe(), 50);
      cold('80ms u', { u: level(20, 700) }).subscribe((f) => sink.recordInput(f));
    });
    await sink.close();
    // 40 ms of the assistant was heard (two 20 ms steps) before the cut at 50 ms.
    expect(runs(path, pcm16k)).toEqual([
      [500, 40],
      [0, 20],
      [700, 20],
    ]);
  });

  it('converts user audio of another format (G.711 8 kHz) to the recording format', async () => {
    const path = join(dir, 'mixed-formats.wav');
    const pcm24k: AudioFormat = { encoding: 'pcm16', sampleRate: 24000, channels: 1 };
    const ulaw: AudioFormat = { encoding: 'g711_ulaw', sampleRate: 8000, channels: 1 };
    // Virtual time: user audio is placed at the time it arrives, so on a wall clock a slow first
    // frame (the resampler's set-up under load) would leave a gap that is not in the input.
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    const sink = createWavSink(
      { path, format: pcm24k, mode: 'conversation', pace: 'asap' },
      makeCtx(dir, scheduler),
    );
    scheduler.run(() => {
      for (let i = 0; i < 10; i += 1) {
        const frame = {
          format: ulaw,
          data: tone(ulaw, { frequencyHz: 400, durationMs: 20 }),
          timestampMs: i * 20,
        };
        scheduler.schedule(() => sink.recordInput(frame), (i + 1) * 20);
      }
    });
    await sink.close();
    const info = parseWavHeader(readFileSync(path));
    expect(info.format).toEqual(pcm24k);
    // 200 ms of 8 kHz input is exactly 200 ms at 24 kHz once the resampler's tail is flushed.
    expect(info.dataLength).toBe(byteLengthForMs(pcm24k, 200));
  });

  it('ignores recordInput in assistant mode', async () => {
    const path = join(dir, 'assistant-only.wav');
    const sink = createWavSink({ path, format: pcm16k }, makeCtx(dir));
    sink.recordInput(level(20, 1000));
    await sink.close();
    expect(parseWavHeader(readFileSync(path)).dataLength).toBe(0);
  });
});
